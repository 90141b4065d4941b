using System.Diagnostics;

namespace Typeset.Tests.Support;

/// <summary>Runs the command-line tools the checks rely on (poppler, qpdf, epubcheck) and fails the test when they fail.</summary>
public static class ExternalTool
{
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error.Result}");
        return output;
    }
}
