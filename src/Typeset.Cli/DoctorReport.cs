using Spectre.Console;
using Typeset.Configuration;
using Typeset.Diagnostics;
using Typeset.Publishing.Layout;

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
