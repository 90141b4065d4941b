using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Review;

namespace Typeset.Tests.Review;

/// <summary>An edit inside a quotation, a list item or a table cell shows in review as a change of its top-level block.</summary>
public class NestedEditsReviewTests
{
    [Fact]
    public void Edits_inside_containers_show_their_whole_block()
    {
        var raw = MarkdownReader.Read("> Цитата с \"кавычками\".\n\n- пункт - с дефисом\n\n| А | Б |\n|---|---|\n| 1 - 2 | x |", new BookMeta("К"));
        var parts = BookWalk.TextParts(raw).ToList();
        var quote = parts.First(p => p.Within.HasFlag(Containers.Quote));
        var item = parts.First(p => p.Within.HasFlag(Containers.List));
        var cell = parts.First(p => p.Role == TextRole.TableCell && Inlines.PlainText(p.Content).Contains('-', StringComparison.Ordinal));
        var edits = new List<Edit>
        {
            new("typography", "typography.quotes", quote.Id, MarkdownWriter.SourceText(quote).IndexOf('"', StringComparison.Ordinal), "\"кавычками\"", "«кавычками»", 0.95, "quotes"),
            new("typography", "typography.dash", item.Id, MarkdownWriter.SourceText(item).IndexOf(" - ", StringComparison.Ordinal), " - ", "\u00A0— ", 0.95, "dash"),
            new("typography", "typography.number-range", cell.Id, 0, "1 - 2", "1–2", 0.95, "range"),
        };

        var (final, log) = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance);
        var data = ReviewDataBuilder.Build("К", raw, final, log, NoDecisions.Instance, scans: null);

        Assert.All(log, record => Assert.Equal(EditStatus.Applied, record.Status));
        Assert.Equal(raw.Blocks.Select(b => b.Id), data.Blocks.Select(b => b.Id));
        Assert.Equal(raw.Blocks.Select(b => b.Id), data.Edits.Select(e => e.Group));
        Assert.Contains(data.Blocks[0].Segments, segment => segment.Contains("кавычками", StringComparison.Ordinal));
    }
}
