using System.Text.RegularExpressions;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Tests.Publishing.Epub;
using Typeset.Tests.Support;

namespace Typeset.Tests.Pipeline;

/// <summary>The foundation's promise on the real sample: input/ → book.md, edits, a PDF with embedded fonts and the text, a clean EPUB.</summary>
public sealed partial class SampleBookEndToEndTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void The_whole_pipeline_turns_the_sample_into_a_pdf_and_an_epub()
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        File.Copy(TestPaths.SampleMarkdown, Path.Combine(input, "book.md"));
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));
        var config = global::Typeset.Configuration.PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);

        var summary = new PipelineRunner(config, new SilentObserver()).Run(new RunOptions());

        Assert.Equal(config.Stages.Select(s => s.Name), summary.Stages.Select(s => s.Stage));
        Assert.Contains("pdf", summary.Stages.Select(s => s.Stage));
        Assert.Contains("epub", summary.Stages.Select(s => s.Stage));
        Assert.True(summary.Applied > 0);

        var fonts = ExternalTool.Run("pdffonts", config.Paths.BookPdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Matches(@"\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", row));

        var pdfWords = Words(Dehyphenate(ExternalTool.Run("pdftotext", "-enc", "UTF-8", config.Paths.BookPdf, "-")));
        var book = MarkdownReader.Read(File.ReadAllText(config.Paths.BookMarkdown), config.Book);
        // A hyphen the dehyphenate stage left for review ("отка- злся") reads back like one the typesetter put in.
        var paragraphs = book.Blocks.OfType<Paragraph>().Select(p => SourceHyphen().Replace(Inlines.PlainText(p.Content), "")).Where(t => t.Length > 200).ToList();
        Assert.True(paragraphs.Count >= 15, $"expected the sample's long paragraphs, found {paragraphs.Count}");
        foreach (var paragraph in paragraphs)
        {
            Assert.True(ContainsInOrder(pdfWords, Words(paragraph)), $"PDF text lacks the paragraph starting \"{paragraph[..60]}\"");
        }

        // The book's own front matter: the scanned contents is gone (no heading «СОДЕРЖАНИЕ», no dot leaders), the
        // imprint's indexes are printed once, and the generated contents lists the chapters.
        var pdfText = ExternalTool.Run("pdftotext", "-enc", "UTF-8", config.Paths.BookPdf, "-");
        Assert.DoesNotContain("СОДЕРЖАНИЕ", pdfText, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.{4}", pdfText);
        Assert.Single(Regex.Matches(pdfText, "УДК"));
        Assert.Single(Regex.Matches(pdfText, "Содержание\n"));
        using (var epub = System.IO.Compression.ZipFile.OpenRead(config.Paths.BookEpub))
        {
            var text = string.Concat(epub.Entries.Where(e => e.FullName.EndsWith(".xhtml", StringComparison.Ordinal) || e.FullName.EndsWith(".ncx", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.DoesNotContain("СОДЕРЖАНИЕ", text, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(text, "УДК"));
        }

        var report = Epubcheck.Run(config.Paths.BookEpub);
        Assert.True(report.Errors + report.Fatals + report.Warnings == 0 && report.ExitCode == 0, report.Messages);
    }

    /// <summary>
    /// Rejoins words the typesetter hyphenated: only a hyphen ending a line with a lower-case letter starting the next
    /// ("госу-" / "дарственный"); a hyphen before a capital or a digit is kept.
    /// </summary>
    private static string Dehyphenate(string text) => LineEndHyphen().Replace(text, "");

    [GeneratedRegex(@"(?<=\p{L})-\n(?=\p{Ll})")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"(?<=\p{L})-\s+(?=\p{Ll})")]
    private static partial Regex SourceHyphen();

    /// <summary>Words with punctuation stripped, since a line-end hyphen or a folio can sit between them in extracted text.</summary>
    private static string[] Words(string text) =>
        WordPattern().Matches(text.Replace('\u00A0', ' ')).Select(m => m.Value).ToArray();

    /// <summary>The paragraph's words appear in the PDF words in order, allowing folios, running heads and a page foot's notes between them.</summary>
    private static bool ContainsInOrder(string[] haystack, string[] needle)
    {
        var start = Array.IndexOf(haystack, needle[0]);
        while (start >= 0)
        {
            var position = start;
            var matched = 0;
            for (; matched < needle.Length && position < haystack.Length && position - start < needle.Length + 80; position++)
            {
                if (haystack[position] == needle[matched])
                {
                    matched++;
                }
            }

            if (matched == needle.Length)
            {
                return true;
            }

            start = Array.IndexOf(haystack, needle[0], start + 1);
        }

        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
