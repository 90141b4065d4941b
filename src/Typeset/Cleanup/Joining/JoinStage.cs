using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Joining;

/// <summary>
/// Rejoins paragraphs that a page end cut in two, also when a caption, figure or footnote stands between the halves
/// (the interposed blocks move after the rejoined paragraph). The evidence is the seam itself: a hyphenated word part,
/// a lower-case continuation, a quotation open across it; at a page end also a comma or a long sentence left without
/// its full stop. Within a page, and in a book without page markers, a missing full stop alone is no evidence:
/// attributions, list items and verse lines end without one.
/// </summary>
public sealed class JoinStage : CleanupStage
{
    public const string StageName = "join";
    public const string RulePageBreak = "join.page-break";
    public const string RuleHyphenated = "join.hyphenated-page-break";

    /// <summary>Prose long enough that a missing full stop means a cut, not a heading or a title-page line.</summary>
    private const int MinimumProseWords = 12;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var edits = new List<Edit>();
        var blocks = book.Blocks;
        var pages = blocks.Any(b => b is PageMarker || b.Source?.Page is not null);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not Paragraph first || !IsProse(first))
            {
                continue;
            }

            var next = i + 1;
            while (next < blocks.Count && IsInterposable(blocks[next]))
            {
                next++;
            }

            if (next >= blocks.Count || blocks[next] is not Paragraph second || !IsProse(second))
            {
                continue;
            }

            // Within a page (or in a book without page markers) a paragraph break is the author's unless the seam itself
            // shows a cut: attributions, list items and verse lines end without a full stop.
            var acrossPage = pages && (blocks.Skip(i + 1).Take(next - i - 1).Any(b => b is PageMarker) ||
                (first.Source?.Page is { } a && second.Source?.Page is { } b && a != b));
            if (Judge(first, second, acrossPage) is { } verdict)
            {
                var moved = next - i - 1;
                var reason = verdict.Reason + (moved > 0 ? $"; {moved} interposed block(s) moved after it" : string.Empty);
                var end = MarkdownWriter.SourceText(first).TrimEnd().Length;
                edits.Add(new Edit(StageName, verdict.Rule, first.Id, end, "\n\n", verdict.Separator, verdict.Confidence, reason, second.Id));
            }
        }

        return edits;
    }

    private sealed record Verdict(string Rule, string Separator, double Confidence, string Reason);

    private static Verdict? Judge(Paragraph first, Paragraph second, bool acrossPage)
    {
        var tail = Inlines.PlainText(first.Content).TrimEnd();
        var head = Inlines.PlainText(second.Content).TrimStart();
        if (tail.Length == 0 || head.Length == 0)
        {
            return null;
        }

        var last = tail[^1];
        var startsLower = char.IsLower(head[0]);
        var words = WordCount(tail);

        // Specks OCR read after the hyphen (мне- ‘`, сосредото-.) hide it; Russian puts no mark after a line-end hyphen.
        var bare = tail.TrimEnd(SpeckMarks).TrimEnd();
        if (bare.Length >= 2 && IsHyphen(bare[^1]) && char.IsLetter(bare[^2]) && char.IsLetter(head[0]) && (bare.Length == tail.Length || startsLower))
        {
            // The line break is kept so that dehyphenation decides between "го-сударственный" and "государственный".
            return new Verdict(RuleHyphenated, "\n", startsLower ? 0.98 : 0.85, "paragraph ends in a hyphenated word part; the next one continues it");
        }

        // A quotation opened in the first part and closed in the second spans the cut — at a page end whatever the
        // punctuation; within a page only when the seam shows a cut too (no full stop, a lower-case or a dash-led
        // continuation: «…глупо! — думал он. — Я…»): a letter quoted over several paragraphs ends one with a full stop
        // and starts the next with a capital.
        var continues = acrossPage || !IsTerminal(last) || startsLower || head[0] is '—' or '–';
        if (continues && Unbalanced(tail, '«', '»') > 0 && Unbalanced(head, '«', '»') < 0)
        {
            return new Verdict(RulePageBreak, " ", 0.93, "a quotation opened before the cut closes after it");
        }

        if (IsTerminal(last))
        {
            return null;
        }

        if (startsLower)
        {
            return new Verdict(RulePageBreak, " ", 0.97, "paragraph ends without terminal punctuation and the next one starts in lower case");
        }

        if (!acrossPage)
        {
            return null;
        }

        if (last is ',' or ';')
        {
            return new Verdict(RulePageBreak, " ", 0.93, $"paragraph ends with '{last}' mid-sentence at a page end");
        }

        if (char.IsLower(last) && words >= MinimumProseWords && char.IsLetterOrDigit(head[0]))
        {
            return new Verdict(RulePageBreak, " ", 0.9, "a long paragraph ends mid-sentence at a page end (a lower-case word, no punctuation)");
        }

        return null;
    }

    /// <summary>Blocks that a page layout puts between the two halves of a paragraph.</summary>
    private static bool IsInterposable(Block block) => block switch
    {
        Figure or Footnote or PageMarker => true,
        Paragraph paragraph => IsCaptionLike(paragraph) || IsRawFootnote(paragraph),
        Heading or Quote or ListBlock or Table or Epigraph or Verse or FrontMatter or ThematicBreak => false,
        _ => throw new InvalidOperationException($"Unknown block {block.GetType().Name}"),
    };

    /// <summary>A paragraph set entirely in italic or bold: how OCR renders photo captions.</summary>
    internal static bool IsCaptionLike(Paragraph paragraph) =>
        paragraph.Content.Where(i => i is not LineBreak && !(i is Text t && string.IsNullOrWhiteSpace(t.Value))).ToList() is [Emphasis or Strong];

    /// <summary>A footnote as OCR writes it at the foot of a page: a superscript marker, then the note.</summary>
    internal static bool IsRawFootnote(Paragraph paragraph) => paragraph.Content.Count > 1 && paragraph.Content[0] is Superscript;

    private static bool IsProse(Paragraph paragraph) => !IsCaptionLike(paragraph) && !IsRawFootnote(paragraph) &&
        paragraph.Content.All(i => i is not RawInline);

    /// <summary>Openings minus closings: positive when a quotation is left open.</summary>
    private static int Unbalanced(string text, char open, char close) => text.Count(c => c == open) - text.Count(c => c == close);

    /// <summary>Specks OCR reads as marks: dots, commas, single quotes, backticks.</summary>
    private static readonly char[] SpeckMarks = ['.', ',', '‘', '’', '‚', '\'', '`', ' ', '\u00A0'];

    private static bool IsHyphen(char c) => c is '-' or '\u00AD' or '\u2010';

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or ':' or '»' or '"' or ')' or ']' or '”' or '“';

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
