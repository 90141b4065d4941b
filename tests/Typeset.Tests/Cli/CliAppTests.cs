using System.Diagnostics;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cli;

/// <summary>The command line as users and scripts meet it: a real process, its exit code and its stderr.</summary>
public class CliAppTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Typeset.Cli.dll");

    private (int Code, string Out, string Err) Typeset(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void A_broken_pipeline_json_gives_exit_2_and_one_line_naming_file_and_path()
    {
        File.WriteAllText(scratch.File("pipeline.json"), """{ "book": { "title": "К" }, "stages": [ { "name": "spellchek" } ] }""");

        var (code, _, err) = Typeset(scratch.Path, "run");

        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("pipeline.json: $.stages[0].name: unknown stage \"spellchek\"", line);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Malformed_json_gives_exit_2()
    {
        File.WriteAllText(scratch.File("pipeline.json"), "{ \"book\": ");

        var (code, _, err) = Typeset(scratch.Path, "run");

        Assert.Equal(2, code);
        Assert.Contains("invalid JSON", err);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var (code, _, err) = Typeset(scratch.Path, "run", "--frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", err);
    }

    [Fact]
    public void Help_lists_only_the_commands_that_exist()
    {
        var (code, output, _) = Typeset(scratch.Path, "--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "run", "clean", "pdf", "epub" })
        {
            Assert.Contains(command, output);
        }
    }

    [Fact]
    public void Clean_runs_the_cleanup_stages_on_a_file()
    {
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));
        File.Copy(TestPaths.SampleMarkdown, scratch.File("raw.md"));

        var (code, _, err) = Typeset(scratch.Path, "clean", "raw.md", "-o", "clean.md");

        Assert.True(code == 0, err);
        Assert.Contains("государственный аппарат", File.ReadAllText(scratch.File("clean.md")));
        Assert.NotEmpty(File.ReadAllLines(scratch.File("edits.jsonl")));
    }

    [Fact]
    public void A_missing_input_file_gives_a_clear_error()
    {
        var (code, _, err) = Typeset(scratch.Path, "clean", "absent.md", "-o", "out.md");

        Assert.Equal(2, code);
        Assert.Contains("absent.md: file not found", err);
    }

    [Fact]
    public void Review_before_any_run_gives_exit_2_and_says_to_run_first()
    {
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));

        var (code, _, err) = Typeset(scratch.Path, "review", "--port", "0");

        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("edits.jsonl: not found; run `typeset run` first", line);
    }

    [Fact]
    public void Review_refuses_a_port_out_of_range()
    {
        var (code, _, err) = Typeset(scratch.Path, "review", "--port", "70000");

        Assert.Equal(2, code);
        Assert.Contains("--port 70000", err);
    }

    [Fact]
    public void Ocr_writes_everything_under_the_output_given_and_keeps_the_libraries_quiet()
    {
        // Scattered blots: Tesseract finds no text on them and says so; leptonica's and Tesseract's words go to the log.
        using var bitmap = new SkiaSharp.SKBitmap(1200, 1600, SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        using (var ink = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Black })
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            var random = new Random(3);
            for (var i = 0; i < 300; i++)
            {
                canvas.DrawRect(random.Next(1150), random.Next(1550), random.Next(3, 40), random.Next(3, 40), ink);
            }
        }

        using (var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(scratch.File("blots.png"), data.ToArray());
        }

        var (code, _, err) = Typeset(scratch.Path, "ocr", "blots.png", "-o", "elsewhere/raw.md");

        Assert.Equal(0, code);
        // Only our own one-line warning about the page; nothing from the libraries.
        var warning = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: blots.png (page 1): no text found", warning);
        Assert.False(Directory.Exists(scratch.File("output")), "nothing under ./output when -o says elsewhere");
        Assert.True(File.Exists(scratch.File("elsewhere/work/ocr/page-0001.json")));
        var log = File.ReadAllLines(scratch.File("elsewhere/work/ocr/native-messages.log"));
        Assert.Contains(log, line => line.StartsWith("tesseract: ", StringComparison.Ordinal));
    }
}
