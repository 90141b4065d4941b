using System.Globalization;
using System.Text;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Tests.Review;

/// <summary>Books with many edits for the review page: the size of a whole book's cleanup.</summary>
public static class ReviewFixtures
{
    /// <summary>
    /// <paramref name="paragraphs"/> paragraphs of <paramref name="perParagraph"/> line-end hyphenations each, one
    /// edit per hyphenation: every third a suggestion, the rest applied.
    /// </summary>
    public static (Book Raw, Book Final, IReadOnlyList<EditRecord> Log) ManyEdits(int paragraphs, int perParagraph)
    {
        var markdown = new StringBuilder();
        var edits = new List<Edit>();
        for (var p = 1; p <= paragraphs; p++)
        {
            if (p % 10 == 1)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"<!-- page {(p - 1) / 10 + 1} -->\n\n");
            }

            var text = new StringBuilder();
            for (var i = 0; i < perParagraph; i++)
            {
                text.Append("Советское командование готовило наступление на широком фронте, и госу-\n");
            }

            text.Append("дарственная граница была перейдена.");
            var source = text.ToString();
            var id = string.Create(CultureInfo.InvariantCulture, $"p{(p - 1) / 10 + 1:0000}.b{(p - 1) % 10 + 2:00}");
            var start = 0;
            for (var i = 0; i < perParagraph; i++)
            {
                start = source.IndexOf("госу-\n", start, StringComparison.Ordinal);
                var end = source.IndexOfAny([' ', '.'], start + 6);
                var before = source[start..end];
                edits.Add(new Edit("dehyphenate", i % 2 == 0 ? "dehyphenate.join" : "dehyphenate.keep-hyphen", id, start, before,
                    before.Replace("-\n", string.Empty, StringComparison.Ordinal), i % 3 == 2 ? 0.6 : 0.97, "the book uses the word elsewhere"));
                start = end;
            }

            markdown.Append(source).Append("\n\n");
        }

        var raw = MarkdownReader.Read(markdown.ToString(), new BookMeta("Много правок"));
        var (final, log) = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance);
        return (raw, final, log);
    }
}
