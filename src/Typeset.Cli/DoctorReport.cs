using Spectre.Console;
using Typeset.Configuration;
using Typeset.Diagnostics;
using Typeset.Publishing.Layout;
using Typeset.Publishing.Preflight;

namespace Typeset.Cli;

/// <summary>Prints <c>typeset doctor</c>'s findings as a table; exit 1 when something required is missing.</summary>
internal static class DoctorReport
{
    public static int Print(Func<PipelineConfig> loadConfig)
    {
        var findings = Doctor.Examine(loadConfig, ResolveFont);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("").AddColumn("detail").AddColumn("fix");
        foreach (var finding in findings)
        {
            var mark = finding.Ok ? "[green]ok[/]" : finding.Required ? "[red]missing[/]" : "[yellow]missing[/]";
            table.AddRow(Markup.Escape(finding.Check), mark, Markup.Escape(finding.Detail), finding.Ok ? string.Empty : Markup.Escape(finding.Fix ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var broken = findings.Count(f => !f.Ok && f.Required);
        AnsiConsole.MarkupLine(broken == 0 ? "[green]Ready to run.[/]" : $"[red]{broken} required item(s) missing.[/]");
        return broken == 0 ? CliApp.Ok : CliApp.Failure;
    }

    /// <summary>The PDF/X-4 preflight of an existing PDF as a table; exit 1 when it fails, 2 when the file cannot be read.</summary>
    public static int Preflight(string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: file not found");
            return CliApp.BadUsage;
        }

        PreflightReport report;
        try
        {
            report = PdfPreflight.Check(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"{path}: not a readable PDF: {e.Message}");
            return CliApp.Failure;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(path)).AddColumn("check").AddColumn("result").AddColumn("");
        foreach (var check in report.Checks)
        {
            var mark = check.Status switch { PreflightStatus.Pass => "[green]ok[/]", PreflightStatus.Warning => "[yellow]warning[/]", _ => "[red]FAIL[/]" };
            table.AddRow(Markup.Escape(check.Check), Markup.Escape(check.Result), mark);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(report.Failures == 0 ? $"[green]{Markup.Escape(report.Summary)}.[/]" : $"[red]{Markup.Escape(report.Summary)}.[/]");
        return report.Failures == 0 ? CliApp.Ok : CliApp.Failure;
    }

    private static string? ResolveFont(string family)
    {
        try
        {
            return FontResolver.System.Resolve(family, FontVariant.Regular);
        }
        catch (FontNotFoundException)
        {
            return null;
        }
    }
}
