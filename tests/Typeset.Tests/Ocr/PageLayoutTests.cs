using SkiaSharp;
using Typeset.Edits;
using Typeset.Model;
using Typeset.Ocr;

namespace Typeset.Tests.Ocr;

/// <summary>Layout to model on real (generated, degraded) scans, checked against the generator's truth files.</summary>
public class PageLayoutTests(SampleScansFixture sample) : IClassFixture<SampleScansFixture>
{
    private static string Plain(IEnumerable<Inline> inlines) => Inlines.PlainText(inlines).Replace('\n', ' ');

    private static bool Close(string expected, string actual) =>
        PageLayout.Levenshtein(Normalise(expected), Normalise(actual)) <= Math.Max(3, expected.Length / 8);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void All_pages_are_recognised_in_order_without_failures()
    {
        Assert.Empty(sample.Outcome.Failures);
        Assert.Equal([1, 2, 3], sample.Outcome.Book.Blocks.OfType<PageMarker>().Select(m => m.Page));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_figure_is_found_and_cropped_at_scan_resolution(int page)
    {
        var truth = SampleScansFixture.Truth(page).Figures.Single();
        var figure = Assert.Single(sample.PageBlocks(page).OfType<Figure>());

        var file = Path.Combine(sample.Folders.MarkdownFolder, figure.ImagePath);
        using var crop = SKBitmap.Decode(file);
        Assert.NotNull(crop);
        Assert.InRange(crop.Width, truth.Width * 0.95, truth.Width * 1.05);
        Assert.InRange(crop.Height, truth.Height * 0.95, truth.Height * 1.05);
        Assert.NotNull(figure.Source?.Box);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_caption_is_bound_to_its_figure_and_never_left_in_the_body(int page)
    {
        var truth = SampleScansFixture.Truth(page).Figures.Single();
        var blocks = sample.PageBlocks(page);
        var figure = Assert.Single(blocks.OfType<Figure>());

        Assert.True(Close(truth.Caption, Plain(figure.Caption)), $"caption: {Plain(figure.Caption)}");
        var sourceMark = truth.Caption[truth.Caption.LastIndexOf('(')..];
        Assert.DoesNotContain(blocks.OfType<Paragraph>(), p => Plain(p.Content).Contains(sourceMark, StringComparison.Ordinal));
    }

    [Fact]
    public void Running_heads_and_folios_are_dropped_and_logged_as_edits()
    {
        for (var page = 1; page <= 3; page++)
        {
            var truth = SampleScansFixture.Truth(page);
            var texts = sample.PageBlocks(page).Select(b => b switch
            {
                Paragraph p => Plain(p.Content),
                Heading h => Plain(h.Content),
                _ => string.Empty,
            }).ToList();
            Assert.DoesNotContain(texts, t => t.Trim() == truth.Folio);
            Assert.DoesNotContain(texts, t => truth.RunningHead is not null && Close(truth.RunningHead, t));
            if (truth.RunningHead is not null)
            {
                var edit = Assert.Single(sample.Outcome.Edits, e => e.Page == page && e.Rule == PageLayout.RunningHeadRule);
                Assert.True(Close(truth.RunningHead, edit.Before));
                Assert.Equal(string.Empty, edit.After);
                Assert.Equal(EditStatus.Applied, edit.Status);
                Assert.Equal(OcrBook.PageMarkerId(page), edit.Block);
            }
        }

        Assert.Contains(sample.Outcome.Edits, e => e.Rule == PageLayout.FolioRule && e.Before == "10");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_footnote_at_the_page_foot_is_bound_to_the_marker_in_the_body(int page)
    {
        var truth = SampleScansFixture.Truth(page).Footnotes.Single();
        var blocks = sample.PageBlocks(page);

        var footnote = Assert.Single(blocks.OfType<Footnote>());
        Assert.True(Close(truth.Text, Plain(((Paragraph)footnote.Body[0]).Content)), $"footnote: {Plain(((Paragraph)footnote.Body[0]).Content)}");
        var referencing = blocks.OfType<Paragraph>().Where(p => p.Content.OfType<FootnoteReference>().Any(r => r.Label == footnote.Label)).ToList();
        Assert.Single(referencing);
        Assert.DoesNotContain(blocks.OfType<Paragraph>(), p => Close(truth.Text, Plain(p.Content)));
    }

    [Fact]
    public void Paragraphs_keep_their_line_breaks_and_line_end_hyphens_for_cleanup()
    {
        var paragraphs = sample.Outcome.Book.Blocks.OfType<Paragraph>().ToList();
        Assert.Contains(paragraphs, p => p.Content.OfType<LineBreak>().Any(b => !b.Hard));
        Assert.Contains(paragraphs, p => p.Content.OfType<Text>().Any(t => t.Value.EndsWith('-')));
        Assert.All(paragraphs, p => Assert.NotNull(p.Source?.Box));
    }

    [Fact]
    public void Body_text_is_close_to_the_ground_truth()
    {
        for (var page = 1; page <= 3; page++)
        {
            var truthLines = File.ReadAllLines(Path.Combine(SampleScansFixture.ScanFolder, SampleScansFixture.Pages[page - 1] + ".gt.txt"));
            var truth = string.Join(' ', truthLines);
            var found = string.Join(' ', File.ReadAllLines(Path.Combine(sample.Folders.WorkFolder, $"page-{page:0000}.json")).Length > 0
                ? SidecarWords(page)
                : []);
            var cer = (double)PageLayout.Levenshtein(Normalise(truth), Normalise(found)) / Normalise(truth).Length;
            Assert.True(cer < 0.05, $"page {page}: CER {cer:P1}");
        }
    }

    [Fact]
    public void The_sidecar_keeps_every_word_with_its_confidence_and_box()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folders.WorkFolder, "page-0001.json")));
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("page").GetInt32());
        var words = root.GetProperty("blocks").EnumerateArray().SelectMany(b => b.GetProperty("lines").EnumerateArray())
            .SelectMany(l => l.GetProperty("words").EnumerateArray()).ToList();
        Assert.True(words.Count > 100, $"{words.Count} words");
        Assert.All(words, w =>
        {
            Assert.InRange(w.GetProperty("confidence").GetDouble(), 0, 100);
            Assert.True(w.GetProperty("box").GetProperty("width").GetInt32() > 0);
        });
        Assert.NotEmpty(root.GetProperty("dropped").EnumerateArray());
    }

    private IEnumerable<string> SidecarWords(int page)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folders.WorkFolder, $"page-{page:0000}.json")));
        return document.RootElement.GetProperty("blocks").EnumerateArray().SelectMany(b => b.GetProperty("lines").EnumerateArray())
            .SelectMany(l => l.GetProperty("words").EnumerateArray()).Select(w => w.GetProperty("text").GetString()!).ToList();
    }
}
