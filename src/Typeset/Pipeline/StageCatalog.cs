using Typeset.Cleanup.Dehyphenation;
using Typeset.Cleanup.Joining;
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
                ("workers", new Field(new NumberShape(0, 256, Integer: true)))),
            () => new OcrStage(),
            "recognise the scans in paths.scans (Tesseract): figures, captions, footnotes; running heads and folios dropped"),
        new(JoinStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new JoinStage(),
            "rejoin paragraphs cut by a page end, a caption, a figure or a footnote"),
        new(DehyphenateStage.StageName, StageKind.Cleanup, Options(("autoApply", AutoApply)), () => new DehyphenateStage(),
            "join line-end hyphenation, keep real hyphens (Hunspell + the book's vocabulary)"),
        new(PdfStage.StageName, StageKind.Publishing, Options(), () => new PdfStage(),
            "typeset output/book.md into output/book.pdf"),
        new(EpubStage.StageName, StageKind.Publishing, Options(
                ("splitLevel", new Field(new NumberShape(1, 3, Integer: true))),
                ("embedFonts", new Field(new BooleanShape()))),
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
