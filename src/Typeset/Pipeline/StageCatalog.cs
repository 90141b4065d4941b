using Typeset.Cleanup.Captions;
using Typeset.Cleanup.Dehyphenation;
using Typeset.Cleanup.Editorial;
using Typeset.Cleanup.Footnotes;
using Typeset.Cleanup.BookParts;
using Typeset.Cleanup.Joining;
using Typeset.Cleanup.Names;
using Typeset.Cleanup.Spelling;
using Typeset.Cleanup.Typography;
using Typeset.Configuration;
using Typeset.Ocr;
using Typeset.Publishing;

namespace Typeset.Pipeline;

/// <summary>A stage that pipeline.json may name: its kind, the options it accepts, and how to make it.</summary>
public sealed record StageDescriptor(string Name, StageKind Kind, ObjectShape Options, Func<IStage> Create, string Summary);

/// <summary>Every stage the pipeline knows, in their natural order. pipeline.json is validated against this list.</summary>
public static class StageCatalog
{
    private static readonly Field AutoApply = new(new NumberShape(0, 1));

    public static IReadOnlyList<StageDescriptor> All { get; } =
    [
        new(OcrStage.StageName, StageKind.Recognition, Options(
                ("languages", new Field(new StringShape(Validate: ValidateLanguages, Description: "Tesseract languages such as \"rus+eng\""))),
                ("dpi", new Field(new NumberShape(70, 2400, Integer: true))),
                ("maxPixels", new Field(new NumberShape(10_000, 1_000_000_000, Integer: true))),
                ("workers", new Field(new NumberShape(0, 256, Integer: true))),
                ("secondReading", new Field(new BooleanShape()))),
            () => new OcrStage(),
            "recognise the scans in paths.scans (Tesseract): figures, captions, footnotes; running heads and folios dropped"),
        new(FrontMatterStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new FrontMatterStage(),
            "recognise the book's title page, imprint and printed contents; the contents is replaced by the generated one"),
        new(CaptionStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new CaptionStage(),
            "turn photo captions left as italic/bold paragraphs (ending with a source mark like (АА)) into figures"),
        new(FootnoteStage.StageName, StageKind.Cleanup, Options(
                ("autoApply", AutoApply),
                ("numbering", new Field(new StringShape([FootnoteStage.NumberingBook, FootnoteStage.NumberingChapter])))),
            () => new FootnoteStage(),
            "bind <sup>n</sup> footnotes at a page foot to their markers and number them through the book"),
        new(JoinStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new JoinStage(),
            "rejoin paragraphs cut by a page end, a caption, a figure or a footnote"),
        new(DehyphenateStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new DehyphenateStage(),
            "join line-end hyphenation, keep real hyphens (Hunspell + the book's vocabulary)"),
        new(NamesStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new NamesStage(),
            "one spelling per name: cluster variants (Гоминдан/Гоминьдан, every case form), rewrite to names.tsv or the dominant form"),
        new(SpellingStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply), (SpellingStage.PunctuationOption, new Field(new BooleanShape()))), () => new SpellingStage(),
            "repair OCR misreadings: mixed Latin/Cyrillic, Roman numerals, words one OCR error from a dictionary word"),
        new(EditorialStage.StageName, StageKind.Cleanup,
            Options([("autoApply", AutoApply), .. EditorialStage.Options.Select(o => (o, new Field(new BooleanShape())))]),
            () => new EditorialStage(),
            "editor's rules for dates and events: г./гг. after years, a doubled \"г. года\", decades (1920-е), capitals of wars and events, five-digit years"),
        new(TypographyStage.StageName, StageKind.Cleanup,
            Options([("autoApply", AutoApply), .. TypographyStage.Options.Select(o => (o, new Field(new BooleanShape())))]),
            () => new TypographyStage(),
            "Russian typography: «» and „“, em and en dashes, no-break spaces, initials, гг., ellipsis"),
        new(PdfStage.StageName, StageKind.Publishing, Options(), () => new PdfStage(),
            "typeset output/book.md into output/book.pdf"),
        new(EpubStage.StageName, StageKind.Publishing, Options(
                ("splitLevel", new Field(new NumberShape(1, 3, Integer: true))),
                ("embedFonts", new Field(new BooleanShape())),
                ("cover", new Field(new StringShape())),
                ("softHyphens", new Field(new BooleanShape())),
                ("altText", new Field(new StringMapShape("image paths as the Markdown gives them"))),
                ("pageList", new Field(new BooleanShape()))),
            () => new EpubStage(),
            "build output/book.epub from output/book.md"),
    ];

    public static IReadOnlyDictionary<string, ObjectShape> OptionShapes { get; } =
        All.ToDictionary(d => d.Name, d => d.Options, StringComparer.Ordinal);

    public static StageDescriptor Get(string name) =>
        All.FirstOrDefault(d => d.Name == name) ?? throw new ArgumentException($"unknown stage \"{name}\"", nameof(name));

    private static string? ValidateLanguages(string value) =>
        value.Split('+').All(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            ? null
            : $"\"{value}\" is not a list of Tesseract languages such as \"rus+eng\"";

    private static ObjectShape Options(params (string Name, Field Field)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal));
}
