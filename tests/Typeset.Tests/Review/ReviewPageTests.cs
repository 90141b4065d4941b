using System.Diagnostics;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Review;
using Xunit.Abstractions;

namespace Typeset.Tests.Review;

public class ReviewPageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("госу-\nдарственный", "государственный")]
    [InlineData("Первый абзац, «цитата» — и (скобки).", "Первый абзац, «цитата» - и скобки.")]
    [InlineData("", "новый текст")]
    [InlineData("старый текст", "")]
    public void Word_diff_segments_give_back_both_texts(string before, string after)
    {
        var segments = ReviewDataBuilder.WordDiff(before, after);

        Assert.Equal(before, string.Concat(segments.Where(s => s[0] != '+').Select(s => s[1..])));
        Assert.Equal(after, string.Concat(segments.Where(s => s[0] != '-').Select(s => s[1..])));
        Assert.All(segments, s => Assert.Contains(s[0], "=-+"));
    }

    [Fact]
    public void Word_diff_marks_only_the_changed_word()
    {
        var segments = ReviewDataBuilder.WordDiff("весь госу-\nдарственный аппарат", "весь государственный аппарат");

        Assert.Equal(["=весь ", "-госу-\nдарственный", "+государственный", "= аппарат"], segments);
    }

    [Fact]
    public void Word_diff_of_a_no_break_space_marks_only_the_space()
    {
        var segments = ReviewDataBuilder.WordDiff("в 1945 г. и масштабная", "в\u00A01945\u00A0г. и\u00A0масштабная");

        Assert.Equal(["=в", "- ", "+\u00A0", "=1945", "- ", "+\u00A0", "=г. и", "- ", "+\u00A0", "=масштабная"], segments);
    }

    [Fact]
    public void A_joined_paragraph_is_shown_with_all_its_raw_parts_and_every_edit_with_its_verdict()
    {
        var raw = MarkdownReader.Read("Первая часть\n\nвторая часть.\n\nДругой абзац.", new BookMeta("К"));
        var join = new Edit("join", "join.page-break", "b0001", 12, "\n\n", " ", 0.97, "no full stop", JoinedBlockId: "b0002");
        var fix = new Edit("test", "test.rule", "b0003", 0, "Другой", "Иной", 0.5, "why not");
        var (final, log) = EditApplier.Apply(raw, [join, fix], 0.9, NoDecisions.Instance);
        var decisions = new EditorDecisions([new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.Reject, EditId: log.Single(r => r.Rule == fix.Rule).Id)]);

        var data = ReviewDataBuilder.Build("К", raw, final, log, decisions, scans: null);

        Assert.Equal(["b0001", "b0003"], data.Blocks.Select(b => b.Id));
        Assert.Equal(["=Первая часть", "-\n\n", "+ ", "=вторая часть."], data.Blocks[0].Segments);
        Assert.Equal([null, false], data.Edits.Select(e => e.Verdict));
        Assert.Equal(["b0001", "b0003"], data.Edits.Select(e => e.Group));
    }

    [Fact]
    public void Edit_text_cannot_close_the_data_script_early()
    {
        var raw = MarkdownReader.Read("Текст </script><script>alert(1)</script> и ещё.", new BookMeta("<b>К</b>"));
        var edit = new Edit("test", "test.rule", "b0001", 0, "Текст", "Текст </script>", 0.5, "</script>");
        var (final, log) = EditApplier.Apply(raw, [edit], 0.9, NoDecisions.Instance);

        var html = ReviewPage.Render(ReviewDataBuilder.Build(raw.Meta.Title, raw, final, log, NoDecisions.Instance, scans: null));

        // The data, the script and the paragraphs: three script elements, each closed once.
        Assert.Equal(3, html.Split("</script>").Length - 1);
        Assert.Contains("<title>Review — &lt;b&gt;К&lt;/b&gt;</title>", html);
        Assert.Contains("Текст </script>", ReviewPage.Unpack(html, "review-data"));
    }

    [Fact]
    public void Text_that_looks_like_a_placeholder_of_the_page_is_kept_as_it_is()
    {
        var raw = MarkdownReader.Read("Шаблон {{BLOCKS}} и {{DATA}} в тексте.", new BookMeta("{{DATA}}"));
        var edit = new Edit("test", "test.rule", "b0001", 0, "Шаблон", "Образец", 0.5, "{{TITLE}}");
        var (final, log) = EditApplier.Apply(raw, [edit], 0.9, NoDecisions.Instance);

        var html = ReviewPage.Render(ReviewDataBuilder.Build(raw.Meta.Title, raw, final, log, NoDecisions.Instance, scans: null));

        Assert.Contains("<title>Review — {{DATA}}</title>", html);
        Assert.Contains("Шаблон {{BLOCKS}} и {{DATA}} в тексте.", ReviewPage.Unpack(html, "review-blocks"));
        Assert.Contains("\"{{TITLE}}\"", ReviewPage.Unpack(html, "review-data"));
    }

    [Fact]
    public void The_page_for_5000_edits_is_generated_well_under_a_second()
    {
        var (raw, final, log) = ReviewFixtures.ManyEdits(paragraphs: 1000, perParagraph: 5);
        Assert.Equal(5000, log.Count);
        Assert.DoesNotContain(log, r => r.Status == EditStatus.Conflict);
        ReviewPage.Render(ReviewDataBuilder.Build("warm-up", raw, final, log.Take(10).ToList(), NoDecisions.Instance, scans: null));

        var clock = Stopwatch.StartNew();
        var html = ReviewPage.Render(ReviewDataBuilder.Build(raw.Meta.Title, raw, final, log, NoDecisions.Instance, scans: null));
        clock.Stop();

        output.WriteLine($"review page for {log.Count} edits: {clock.ElapsedMilliseconds} ms, {html.Length / 1024} KiB");
        // Timing is reported, not asserted: benchmarks live in bench/, and a loaded CI machine must not fail the build.
        Assert.Contains(log[^1].Id, ReviewPage.Unpack(html, "review-data"));
    }
}
