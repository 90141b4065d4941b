using System.CommandLine;
using Spectre.Console;
using Typeset.Configuration;
using BookWarning = Typeset.Model.BookWarning;
using Typeset.Pipeline;
using Typeset.Publishing.Layout;
using Typeset.Review;

namespace Typeset.Cli;

/// <summary>The <c>typeset</c> command line (contract in shared/DESIGN.md). Exit codes: 0 ok, 1 processing failure, 2 bad usage or config.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static int Run(string[] args)
    {
        var configOption = new Option<string?>("--config") { Description = "pipeline.json to use (default: ./pipeline.json)", HelpName = "F" };
        var inputOption = new Option<string?>("--input") { Description = "input folder or Markdown file (overrides paths.input)", HelpName = "DIR" };
        var outputOption = new Option<string?>("--output") { Description = "output folder (overrides paths.output)", HelpName = "DIR" };
        var fromOption = new Option<string?>("--from") { Description = "first stage to run", HelpName = "STAGE" };
        var toOption = new Option<string?>("--to") { Description = "last stage to run", HelpName = "STAGE" };

        var run = new Command("run", "Run the whole pipeline: input/ → output/book.md, output/review/, output/book.pdf, output/book.epub")
        {
            configOption, inputOption, outputOption, fromOption, toOption,
        };
        run.SetAction(result => Guard(() =>
        {
            var config = LoadConfig(result.GetValue(configOption), result.GetValue(inputOption), result.GetValue(outputOption));
            var summary = WithProgress(observer => new PipelineRunner(config, observer).Run(new RunOptions(result.GetValue(fromOption), result.GetValue(toOption))));
            PrintSummary(summary);
        }));

        var inArgument = new Argument<string>("IN.md") { Description = "Markdown file" };
        var outOption = new Option<string>("--output", "-o") { Description = "file to write", Required = true, HelpName = "OUT" };
        var editsOption = new Option<string?>("--edits") { Description = "edit log to write (default: OUT's folder/edits.jsonl)", HelpName = "edits.jsonl" };

        var clean = new Command("clean", "Run the cleanup stages on a Markdown file") { inArgument, outOption, editsOption, configOption };
        clean.SetAction(result => Guard(() =>
        {
            var config = LoadConfig(result.GetValue(configOption), null, null);
            var output = result.GetValue(outOption)!;
            var edits = result.GetValue(editsOption) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "edits.jsonl");
            var summary = WithProgress(observer => new PipelineRunner(config, observer).Clean(result.GetValue(inArgument)!, output, edits));
            PrintSummary(summary);
        }));

        var scansArgument = new Argument<string[]>("SCAN") { Description = "page images (PNG, JPEG, TIFF), PDFs of scans, or folders of them", Arity = ArgumentArity.OneOrMore };
        var ocr = new Command("ocr", "Recognise scanned pages into raw Markdown (figures beside it in images/)") { scansArgument, outOption, editsOption, configOption };
        ocr.SetAction(result => Guard(() =>
        {
            var config = LoadConfig(result.GetValue(configOption), null, null);
            var output = result.GetValue(outOption)!;
            var edits = result.GetValue(editsOption) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "edits.jsonl");
            var summary = WithProgress(observer => new PipelineRunner(config, observer).Ocr(result.GetValue(scansArgument)!, output, edits));
            PrintSummary(summary);
        }));

        var pdf = PublishCommand("pdf", "Typeset a Markdown file into a print-ready PDF", inArgument, outOption, configOption);
        var epub = PublishCommand("epub", "Build an EPUB 3 from a Markdown file", inArgument, outOption, configOption);

        var pdfArgument = new Argument<string?>("PDF") { Description = "a PDF to preflight for PDF/X-4 (print)", Arity = ArgumentArity.ZeroOrOne };
        var doctor = new Command("doctor", "Check native libraries, dictionaries, fonts, tools and pipeline.json, and say how to fix what is missing; given a PDF, preflight it") { configOption, pdfArgument };
        doctor.SetAction(result => Guard(() => result.GetValue(pdfArgument) is { } pdfFile
            ? DoctorReport.Preflight(pdfFile)
            : DoctorReport.Print(() => LoadConfig(result.GetValue(configOption), null, null))));

        var portOption = new Option<int>("--port") { Description = "port on 127.0.0.1 (0: any free port)", HelpName = "N", DefaultValueFactory = _ => 8765 };
        var review = new Command("review", "Serve the review page on 127.0.0.1 and record the editor's decisions") { configOption, outputOption, portOption };
        review.SetAction(result => Guard(() =>
        {
            var config = LoadConfig(result.GetValue(configOption), null, result.GetValue(outputOption));
            ServeReview(config, result.GetValue(portOption)).GetAwaiter().GetResult();
        }));

        var root = new RootCommand("Typeset: scanned Russian books → clean Markdown, reviewed corrections, print-ready PDF and EPUB")
        {
            run, ocr, clean, pdf, epub, review, doctor,
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"typeset: {error.Message}");
            }

            Console.Error.WriteLine("typeset: see 'typeset --help'");
            return BadUsage;
        }

        return parsed.Invoke();
    }

    private static Command PublishCommand(string stage, string description, Argument<string> input, Option<string> output, Option<string?> configOption)
    {
        var command = new Command(stage, description) { input, output, configOption };
        command.SetAction(result => Guard(() =>
        {
            var config = LoadConfig(result.GetValue(configOption), null, null);
            var summary = WithProgress(observer => new PipelineRunner(config, observer).Publish(stage, result.GetValue(input)!, result.GetValue(output)!));
            PrintSummary(summary);
        }));
        return command;
    }

    private static async Task ServeReview(PipelineConfig config, int port)
    {
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port {port}: not a port number");
        }

        // The page's Re-run runs the whole pipeline here, with the decisions made so far, and the page reloads.
        string Rerun()
        {
            var summary = new PipelineRunner(config, new ConsoleObserver(null)).Run(new RunOptions());
            return $"{summary.Applied} applied, {summary.Suggested} suggestions awaiting review, {summary.Rejected} rejected by the editor" +
                   (summary.Unmatched > 0 ? $", {summary.Unmatched} decisions match no edit" : string.Empty);
        }

        await using var server = await ReviewServer.StartAsync(config.Paths, port, rerun: Rerun);
        AnsiConsole.MarkupLine($"Review page: [blue]{Markup.Escape(server.Address.ToString())}[/] ({server.Session.EditCount} edits); Ctrl+C stops the server");
        AnsiConsole.MarkupLine($"Decisions go to [blue]{Markup.Escape(config.Paths.Decisions)}[/]; the next [bold]typeset run[/] honours them");
        await server.WaitForShutdownAsync();
    }

    /// <summary>Turns the library's exceptions into one line on stderr and the contract's exit code.</summary>
    private static int Guard(Action action) => Guard(() =>
    {
        action();
        return Ok;
    }, okCode: Ok);

    private static int Guard(Func<int> action, int? okCode)
    {
        try
        {
            var code = action();
            return okCode ?? code;
        }
        catch (Exception e) when (e is ConfigException or UsageException or Typeset.Morphology.MorphologyDataException)
        {
            Console.Error.WriteLine($"typeset: {e.Message}");
            return BadUsage;
        }
        catch (ProcessingException e)
        {
            Console.Error.WriteLine($"typeset: {e.Message}");
            return Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or FileNotFoundException or FontNotFoundException)
        {
            Console.Error.WriteLine($"typeset: {e.Message}");
            return Failure;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("TYPESET_DEBUG") is null)
        {
            Console.Error.WriteLine($"typeset: internal error: {e.GetType().Name}: {e.Message} (set TYPESET_DEBUG=1 for details)");
            return Failure;
        }
    }

    private static int Guard(Func<int> action) => Guard(action, okCode: null);

    internal static PipelineConfig LoadConfig(string? configPath, string? input, string? output)
    {
        PipelineConfig config;
        if (configPath is null && !File.Exists(PipelineConfigLoader.DefaultFileName))
        {
            // Without pipeline.json the book starts from Markdown, as before the ocr stage existed.
            config = PipelineConfigLoader.Defaults(Directory.GetCurrentDirectory(), "Untitled",
                StageCatalog.All.Where(s => s.Kind != StageKind.Recognition).Select(s => s.Name));
        }
        else
        {
            config = PipelineConfigLoader.Load(configPath ?? PipelineConfigLoader.DefaultFileName, StageCatalog.OptionShapes);
        }

        var paths = config.Paths;
        if (input is not null)
        {
            paths = paths with { Input = Path.GetFullPath(input) };
        }

        if (output is not null)
        {
            paths = paths with { Output = Path.GetFullPath(output) };
        }

        return config with { Paths = paths };
    }

    private static RunSummary WithProgress(Func<IRunObserver, RunSummary> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return work(new ConsoleObserver(null));
        }

        RunSummary? summary = null;
        AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start("Starting…", status =>
        {
            summary = work(new ConsoleObserver(status));
        });
        return summary!;
    }

    private static void PrintSummary(RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("stage").AddColumn(new TableColumn("time").RightAligned()).AddColumn("result");
        foreach (var stage in summary.Stages)
        {
            table.AddRow(Markup.Escape(stage.Stage), $"{stage.Elapsed.TotalMilliseconds:0} ms", Markup.Escape(stage.Summary));
        }

        var total = summary.Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed);
        table.AddRow("[bold]total[/]", $"[bold]{total.TotalMilliseconds:0} ms[/]", string.Empty);
        AnsiConsole.Write(table);
        if (summary.Applied + summary.Suggested + summary.Rejected > 0)
        {
            AnsiConsole.MarkupLine($"Edits: [green]{summary.Applied} applied[/], [yellow]{summary.Suggested} suggestions awaiting review[/], {summary.Rejected} rejected by the editor");
        }

        if (summary.Unmatched > 0)
        {
            AnsiConsole.MarkupLine($"[red]{summary.Unmatched} review decision(s) match no edit of this run[/]: listed in {ReviewOutput.UnmatchedFileName} and on the review page");
        }

        if (summary.KeptHandEdits is { } kept)
        {
            AnsiConsole.MarkupLine($"[yellow]book.md had hand edits[/]: kept as [blue]{Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), kept))}[/]");
        }

        foreach (var output in summary.Outputs)
        {
            AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), output))}[/]");
        }
    }

    /// <summary>Shows each stage on the terminal as it runs; warnings go to stderr so scripts can tell them apart.</summary>
    private sealed class ConsoleObserver(StatusContext? status) : IRunObserver
    {
        public void StageStarted(string stage) => status?.Status($"Running [bold]{Markup.Escape(stage)}[/]…");

        public void StageFinished(string stage, TimeSpan elapsed, string summary) =>
            AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(stage),-12} {elapsed.TotalMilliseconds,7:0} ms  {Markup.Escape(summary)}");

        public void Warning(BookWarning warning) => Console.Error.WriteLine($"warning: {warning}");

        public void Progress(string stage, string message) => status?.Status($"Running [bold]{Markup.Escape(stage)}[/]: {Markup.Escape(message)}…");
    }
}
