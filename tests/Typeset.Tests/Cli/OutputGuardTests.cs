using System.Diagnostics;
using System.Security.Cryptography;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cli;

/// <summary>No command overwrites an input, writes into input/, or puts another format over the editor's book.md.</summary>
public class OutputGuardTests : IDisposable
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Typeset.Cli.dll");

    private readonly ScratchFolder scratch = new();

    public OutputGuardTests()
    {
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));
        Directory.CreateDirectory(scratch.File("input/scans"));
        Directory.CreateDirectory(scratch.File("output"));
        File.WriteAllText(scratch.File("input/book.md"), "# Глава\n\nТекст книги.\n");
        File.WriteAllText(scratch.File("output/book.md"), "# Глава\n\nТекст, исправленный редактором.\n");
        File.WriteAllText(scratch.File("notes.md"), "Заметки.\n");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "input", "scans", "page-02.jpg"), scratch.File("input/scans/page-02.jpg"));
    }

    public void Dispose() => scratch.Dispose();

    private (int Code, string Err) Typeset(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = scratch.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(scratch.Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [InlineData("output/book.md", "pdf", "output/book.md", "-o", "output/book.md")]
    [InlineData("output/book.md", "epub", "output/book.md", "-o", "./output/../output/book.md")]
    [InlineData("output/book.md", "pdf", "notes.md", "-o", "output/book.md")]
    [InlineData("notes.md", "pdf", "output/book.md", "-o", "notes.md")]
    [InlineData("notes.md", "clean", "notes.md", "-o", "notes.md")]
    [InlineData("notes.md", "clean", "notes.md", "-o", "clean.md", "--edits", "notes.md")]
    [InlineData("input/new.pdf", "pdf", "notes.md", "-o", "input/new.pdf")]
    [InlineData("input/clean.md", "clean", "notes.md", "-o", "input/clean.md")]
    [InlineData("input/scans/page-02.jpg", "ocr", "input/scans/page-02.jpg", "-o", "input/scans/page-02.jpg")]
    [InlineData("input/scans/raw.md", "ocr", "input/scans", "-o", "input/scans/raw.md")]
    [InlineData("input", "run", "--output", "input")]
    [InlineData("input/out", "run", "--output", "input/out")]
    public void An_output_onto_an_input_or_into_input_is_refused_with_exit_2_and_one_line(string named, params string[] args)
    {
        var before = Snapshot();

        var (code, err) = Typeset(args);

        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.GetFileName(named), line);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void An_output_folder_inside_the_input_in_pipeline_json_is_refused()
    {
        File.WriteAllText(scratch.File("pipeline.json"),
            """{ "book": { "title": "К" }, "paths": { "input": "input", "output": "input/output" }, "stages": [ { "name": "join" } ] }""");

        var (code, err) = Typeset("run");

        Assert.Equal(2, code);
        Assert.Contains("$.paths.output", Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(scratch.File("input/output")));
    }
}
