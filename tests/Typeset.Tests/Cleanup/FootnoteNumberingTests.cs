using System.Text.Json;
using Typeset.Cleanup.Footnotes;
using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup;

public class FootnoteNumberingTests
{
    private const string TwoChapters = """
        # Первая

        Текст<sup>1</sup> и ещё<sup>2</sup>.

        <sup>1</sup> Первая сноска.

        <sup>2</sup> Вторая сноска.

        # Вторая

        Другой текст<sup>1</sup>.

        <sup>1</sup> Третья сноска.
        """;

    private static string Clean(string numbering)
    {
        using var scratch = new ScratchFolder();
        using var context = TestContexts.ForStage(FootnoteStage.StageName, scratch.Path);
        context.Stage = new StageConfig(FootnoteStage.StageName, new Dictionary<string, JsonElement>
        {
            ["numbering"] = JsonDocument.Parse($"\"{numbering}\"").RootElement.Clone(),
        });
        return MarkdownWriter.Write(new FootnoteStage().Run(MarkdownReader.Read(TwoChapters, new BookMeta("К")), context));
    }

    [Fact]
    public void Book_numbering_runs_through_the_chapters()
    {
        var markdown = Clean(FootnoteStage.NumberingBook);

        Assert.Contains("Другой текст[^3].", markdown);
        Assert.Contains("[^3]: Третья сноска.", markdown);
    }

    [Fact]
    public void Chapter_numbering_restarts_and_still_reads_back_paired_in_order()
    {
        var markdown = Clean(FootnoteStage.NumberingChapter);

        Assert.Contains("Другой текст[^1].", markdown);
        Assert.Contains("[^1]: Третья сноска.", markdown);
        var notes = MarkdownReader.Read(markdown, new BookMeta("К")).Blocks.OfType<Footnote>().ToList();
        Assert.Equal(["1", "2", "1"], notes.Select(n => n.Label));
        Assert.Equal("Третья сноска.", Inlines.PlainText(((Paragraph)notes[2].Body[0]).Content));
    }
}
