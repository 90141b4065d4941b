using System.Globalization;
using System.Text.RegularExpressions;
using Typeset.Cleanup.Joining;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Footnotes;

/// <summary>
/// Binds each footnote that OCR left at a page foot (<c>&lt;sup&gt;1&lt;/sup&gt; text</c>) to the nearest marker with the
/// same number before it on the same page, and numbers the bound pairs through the book (or from 1 in each chapter)
/// as Markdown footnotes (<c>[^n]</c>), since OCR'd books restart their markers on every page. Per-chapter labels
/// repeat across chapters; the reader and both writers pair each reference with the next definition of its label.
/// </summary>
public sealed partial class FootnoteStage : CleanupStage
{
    public const string StageName = "footnotes";
    public const string RuleBind = "footnotes.bind";
    public const string NumberingBook = "book";
    public const string NumberingChapter = "chapter";

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var edits = new List<Edit>();
        var perChapter = context.Stage.GetString("numbering", NumberingBook) == NumberingChapter;
        var used = perChapter ? [] : book.Blocks.OfType<Footnote>().Select(f => f.Label).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        var markers = new List<Marker>();

        // Markers after the previous page foot (the last run of notes) belong to the notes of this page foot.
        var pageStart = 0;
        var inNotes = false;

        foreach (var block in book.Blocks)
        {
            if (block is Paragraph paragraph && JoinStage.IsRawFootnote(paragraph))
            {
                inNotes = true;
                var label = ((Superscript)paragraph.Content[0]).Value.Trim();
                var marker = markers.LastOrDefault(m => m.Label == label && !m.Bound && SamePage(m.Block, block));
                if (marker is null)
                {
                    continue;
                }

                while (used.Contains(next.ToString(CultureInfo.InvariantCulture)))
                {
                    next++;
                }

                var number = next++.ToString(CultureInfo.InvariantCulture);
                marker.Bound = true;
                // A marker since the previous page foot is the note's own; one further back is likely, not sure.
                var confidence = markers.IndexOf(marker) >= pageStart ? 0.96 : 0.8;
                var reason = $"footnote {label} bound to the marker {label} in {marker.Block.Id}; numbered {number} {(perChapter ? "in its chapter" : "through the book")}";
                edits.Add(new Edit(StageName, RuleBind, marker.PartId, marker.Start, marker.Source, $"[^{number}]", confidence, reason));
                var content = MarkdownWriter.WriteInlines(paragraph.Content.Skip(1).SkipWhile(i => i is Text t && string.IsNullOrWhiteSpace(t.Value)).Select(TrimStart));
                edits.Add(Edit.ReplaceBlock(StageName, RuleBind, paragraph, $"[^{number}]: {content}", confidence, reason));
                continue;
            }

            if (perChapter && block is Heading { Level: 1 })
            {
                next = 1;
            }

            if (inNotes && block is Paragraph or Heading)
            {
                pageStart = markers.Count;
                inNotes = false;
            }

            markers.AddRange(FindMarkers(block));
        }

        return edits;
    }

    private static Inline TrimStart(Inline inline, int index) => index == 0 && inline is Text text ? new Text(text.Value.TrimStart()) : inline;

    private static bool SamePage(Block a, Block b) => a.Source?.Page is not { } page || b.Source?.Page is not { } other || page == other;

    /// <summary>Superscript markers in a body block at any depth (a list item, a quotation, a table cell), with their offsets in the text part's source text.</summary>
    private static IEnumerable<Marker> FindMarkers(Block block)
    {
        if (block is Footnote)
        {
            yield break;
        }

        foreach (var (id, role, content) in BookWalk.TextOf(block))
        {
            var source = MarkdownWriter.SourceText(role, content);
            foreach (Match match in SuperscriptPattern().Matches(source))
            {
                var label = match.Groups[1].Value.Trim();
                if (label.Length > 0 && (label.All(char.IsAsciiDigit) || label.All(c => c == '*')))
                {
                    yield return new Marker(block, id, match.Index, match.Value, label);
                }
            }
        }
    }

    private sealed class Marker(Block block, string partId, int start, string source, string label)
    {
        public Block Block { get; } = block;

        /// <summary>The text part the marker stands in (the block itself, or a paragraph or cell inside it).</summary>
        public string PartId { get; } = partId;

        public int Start { get; } = start;

        public string Source { get; } = source;

        public string Label { get; } = label;

        public bool Bound { get; set; }
    }

    [GeneratedRegex(@"(?<!\\)<sup>([^<]{1,4})</sup>")]
    private static partial Regex SuperscriptPattern();
}
