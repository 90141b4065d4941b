using System.Security.Cryptography;
using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Pipeline;

public class PipelineRunnerTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private PipelineConfig SampleProject(params string[] stages)
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        File.Copy(TestPaths.SampleMarkdown, Path.Combine(input, "book.ocr.md"));
        var config = TestContexts.Config(scratch.Path);
        return config with { Stages = config.Stages.Where(s => stages.Contains(s.Name)).ToList() };
    }

    [Fact]
    public void Cleanup_writes_book_md_and_an_edit_log_and_leaves_the_input_untouched()
    {
        var config = SampleProject("join", "dehyphenate");
        var inputFile = Path.Combine(config.Paths.Input, "book.ocr.md");
        var before = SHA256.HashData(File.ReadAllBytes(inputFile));

        var summary = new PipelineRunner(config, new SilentObserver()).Run(new RunOptions());

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(inputFile)));
        var book = MarkdownReader.Read(File.ReadAllText(config.Paths.BookMarkdown), config.Book);
        var text = string.Join("\n", book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content)));
        Assert.Contains("боролись за контроль", text);
        Assert.Contains("государственный аппарат", text);
        Assert.DoesNotContain("го- сударственный", text);

        var log = EditLogFile.Read(config.Paths.EditLog);
        Assert.Equal(summary.Applied + summary.Suggested, log.Count);
        Assert.Contains(log, r => r.Rule == "join.page-break" && r.Status == EditStatus.Applied);
        Assert.Contains(log, r => r.Rule == "dehyphenate.join" && r.Before == "го-\nсударственный" && r.After == "государственный");
        Assert.All(log, r => Assert.Matches("^[0-9a-f]{16}$", r.Id));
        Assert.Equal(["join", "dehyphenate"], summary.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void A_hand_edited_book_md_is_kept_before_a_run_writes_a_new_one()
    {
        var config = SampleProject("join");
        var observer = new SilentObserver();
        var runner = new PipelineRunner(config, observer);
        runner.Run(new RunOptions());
        var unchanged = runner.Run(new RunOptions());
        File.AppendAllText(config.Paths.BookMarkdown, "\nАбзац, дописанный редактором.\n");
        var edited = File.ReadAllText(config.Paths.BookMarkdown);

        var summary = runner.Run(new RunOptions());

        Assert.Null(unchanged.KeptHandEdits);
        Assert.NotNull(summary.KeptHandEdits);
        Assert.Equal(edited, File.ReadAllText(summary.KeptHandEdits));
        Assert.DoesNotContain("дописанный редактором", File.ReadAllText(config.Paths.BookMarkdown));
        Assert.Contains(observer.Warnings, w => w.ToString().Contains("had hand edits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_removes_the_temporary_files_a_killed_run_left()
    {
        var config = SampleProject("join");
        Directory.CreateDirectory(Path.Combine(config.Paths.Output, "review"));
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        var leftover = Path.Combine(config.Paths.Output, "review", $".index.html.{gone.Id}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(leftover, "<html");

        new PipelineRunner(config, new SilentObserver()).Run(new RunOptions());

        Assert.False(File.Exists(leftover));
        Assert.Empty(Directory.EnumerateFiles(config.Paths.Output, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_second_run_gives_the_same_book_and_the_same_edit_ids()
    {
        var config = SampleProject("join", "dehyphenate");
        var runner = new PipelineRunner(config, new SilentObserver());

        runner.Run(new RunOptions());
        var firstBook = File.ReadAllText(config.Paths.BookMarkdown);
        var firstIds = EditLogFile.Read(config.Paths.EditLog).Select(r => r.Id).ToList();
        runner.Run(new RunOptions());

        Assert.Equal(firstBook, File.ReadAllText(config.Paths.BookMarkdown));
        Assert.Equal(firstIds, EditLogFile.Read(config.Paths.EditLog).Select(r => r.Id));
    }

    [Fact]
    public void From_and_to_select_a_slice_of_the_stage_list()
    {
        var config = SampleProject("join", "dehyphenate");

        var summary = new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(From: "dehyphenate"));

        Assert.Equal(["dehyphenate"], summary.Stages.Select(s => s.Stage));
        Assert.All(EditLogFile.Read(config.Paths.EditLog), r => Assert.Equal("dehyphenate", r.Stage));
    }

    [Theory]
    [InlineData("ocr", null, "--from ocr: no such stage")]
    [InlineData("dehyphenate", "join", "--from dehyphenate comes after --to join")]
    public void Unknown_or_reversed_stage_slices_are_usage_errors(string? from, string? to, string expected)
    {
        var config = SampleProject("join", "dehyphenate");

        var error = Assert.Throws<UsageException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(from, to)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_input_folder_is_named()
    {
        var config = TestContexts.Config(scratch.Path);

        var error = Assert.Throws<UsageException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(To: "dehyphenate")));

        Assert.Equal($"{config.Paths.Input}: input folder not found", error.Message);
    }

    [Fact]
    public void An_input_folder_with_only_an_unreadable_scan_says_which_and_why()
    {
        var config = TestContexts.Config(scratch.Path);
        Directory.CreateDirectory(config.Paths.Input);
        File.WriteAllBytes(Path.Combine(config.Paths.Input, "page1.png"), [0x89, 0x50, 0x4E, 0x47]);

        // A folder of page images starts the run from OCR (no Markdown is looked for); the broken image is named.
        var error = Assert.Throws<ProcessingException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(To: "dehyphenate")));

        Assert.Contains("no page could be read", error.Message);
        Assert.Contains("page1.png", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0x9F, 0xFF, 0xFE, 0x20 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, "not a text file")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x0A }, "the file is empty")]
    public void Unreadable_markdown_is_refused_with_the_file_name_and_nothing_is_written(byte[] content, string expected)
    {
        var config = TestContexts.Config(scratch.Path);
        Directory.CreateDirectory(config.Paths.Input);
        var file = Path.Combine(config.Paths.Input, "book.md");
        File.WriteAllBytes(file, content);

        var error = Assert.Throws<ProcessingException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(To: "dehyphenate")));

        Assert.StartsWith(file + ": ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(File.Exists(config.Paths.BookMarkdown));
    }

    [Fact]
    public void An_unwritable_output_folder_fails_before_any_stage_runs()
    {
        var config = SampleProject("join");
        File.WriteAllText(scratch.File("blocker"), "a file where the output folder should be");
        config = config with { Paths = config.Paths with { Output = Path.Combine(scratch.File("blocker"), "out") } };
        var observer = new RecordingObserver();

        var error = Assert.Throws<ProcessingException>(() => new PipelineRunner(config, observer).Run(new RunOptions()));

        Assert.Contains("output folder is not writable", error.Message);
        Assert.Empty(observer.Started);
    }

    [Fact]
    public void Publishing_without_book_md_says_to_run_cleanup_first()
    {
        var config = SampleProject("join", "pdf");

        var error = Assert.Throws<UsageException>(() => new PipelineRunner(config, new SilentObserver()).Run(new RunOptions(From: "pdf")));

        Assert.Contains("book.md: not found; run the cleanup stages first", error.Message);
    }

    [Fact]
    public void Figure_paths_are_rewritten_relative_to_book_md()
    {
        var config = SampleProject("join");
        File.WriteAllText(Path.Combine(config.Paths.Input, "book.ocr.md"), "![Подпись (АА)](images/p001.png)\n");

        new PipelineRunner(config, new SilentObserver()).Run(new RunOptions());

        var figure = Assert.IsType<Figure>(Assert.Single(MarkdownReader.Read(File.ReadAllText(config.Paths.BookMarkdown), config.Book).Blocks));
        Assert.Equal("../input/images/p001.png", figure.ImagePath);
    }

    [Fact]
    public void Natural_order_puts_page2_before_page10()
    {
        string[] names = ["page10.md", "page2.md", "page1.md", "Page3.md"];

        Assert.Equal(["page1.md", "page2.md", "Page3.md", "page10.md"], names.Order(NaturalComparer.Instance));
    }

    private sealed class RecordingObserver : IRunObserver
    {
        public List<string> Started { get; } = [];

        public void StageStarted(string stage) => Started.Add(stage);

        public void StageFinished(string stage, TimeSpan elapsed, string summary)
        {
        }

        public void Warning(BookWarning warning)
        {
        }
    }
}
