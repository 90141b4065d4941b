using System.Text.RegularExpressions;
using Typeset.Cleanup.Joining;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Captions;

/// <summary>
/// Recognises photo captions that OCR left as paragraphs: set entirely in italic or bold and ending with a source mark
/// such as <c>(АА)</c>, or starting with a figure label (<c>Рис. 3.</c>). Each becomes a figure (without an image when
/// the scan's picture is not at hand), so it no longer reads as body text and the join stage can look past it.
/// </summary>
public sealed partial class CaptionStage : CleanupStage
{
    public const string StageName = "captions";
    public const string RuleSourceMark = "captions.source-mark";
    public const string RuleFigureLabel = "captions.figure-label";

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var edits = new List<Edit>();
        foreach (var paragraph in book.Blocks.OfType<Paragraph>())
        {
            if (!JoinStage.IsCaptionLike(paragraph))
            {
                continue;
            }

            var text = Inlines.PlainText(paragraph.Content).Trim();
            var (rule, confidence, reason) = SourceMark().IsMatch(text)
                ? (RuleSourceMark, 0.95, "a paragraph set entirely in italic or bold that ends with a source mark")
                : FigureLabel().IsMatch(text)
                    ? (RuleFigureLabel, 0.93, "a paragraph set entirely in italic or bold that starts with a figure label")
                    : (null, 0, string.Empty);
            if (rule is null)
            {
                continue;
            }

            var caption = Unwrap(paragraph.Content);
            var after = "![" + MarkdownWriter.WriteInlines(caption, insideBrackets: true) + "]()";
            edits.Add(Edit.ReplaceBlock(StageName, rule, paragraph, after, confidence, reason));
        }

        return edits;
    }

    /// <summary>
    /// The caption's own words: the outer italic or bold goes (the figure style sets it); the line ends of a narrow
    /// caption column become spaces, except after a hyphen, which dehyphenation decides.
    /// </summary>
    private static IEnumerable<Inline> Unwrap(ValueList<Inline> content)
    {
        var inner = content.Single(i => i is Emphasis or Strong) switch
        {
            Emphasis e => e.Content,
            Strong s => s.Content,
            _ => content,
        };
        for (var i = 0; i < inner.Count; i++)
        {
            var afterHyphen = i > 0 && inner[i - 1] is Text t && t.Value.EndsWith('-');
            yield return inner[i] is LineBreak ? (afterHyphen ? new LineBreak(Hard: false) : new Text(" ")) : inner[i];
        }
    }

    /// <summary>A parenthesised credit at the end: an archive's initials like (АА), (ЯМ), (РГАКФД), or a short credit like (фото автора).</summary>
    [GeneratedRegex(@"\((?:\p{Lu}[\p{Lu}\.\-]{0,9}|фото[^()]{0,40}|из[^()]{0,40}|архив[^()]{0,40})\)\s*\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceMark();

    [GeneratedRegex(@"^(?:Рис\.|Рисунок|Фото|Илл\.|Схема|Карта)\s*\d+", RegexOptions.CultureInvariant)]
    private static partial Regex FigureLabel();
}
