using System.Diagnostics;
using System.Text.Json;

namespace Typeset.Tests.Publishing.Epub;

/// <summary>The counts epubcheck reports for one file, with its messages for the failure text.</summary>
public sealed record EpubcheckReport(int ExitCode, int Fatals, int Errors, int Warnings, string Messages);

internal static class Epubcheck
{
    private const string Jar = "/usr/share/java/epubcheck.jar";

    public static EpubcheckReport Run(string epubPath)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-jar", Jar, "--json", "-", epubPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        // epubcheck prints its banner before the JSON on stdout.
        var json = JsonDocument.Parse(stdout[stdout.IndexOf('{')..]).RootElement;
        var checker = json.GetProperty("checker");
        var messages = string.Join("\n", json.GetProperty("messages").EnumerateArray().Select(message =>
            $"{message.GetProperty("severity").GetString()} {message.GetProperty("ID").GetString()}: {message.GetProperty("message").GetString()} "
            + string.Join(", ", message.GetProperty("locations").EnumerateArray().Select(location => location.GetProperty("path").GetString()))));
        return new EpubcheckReport(
            process.ExitCode,
            checker.GetProperty("nFatal").GetInt32(),
            checker.GetProperty("nError").GetInt32(),
            checker.GetProperty("nWarning").GetInt32(),
            messages + "\n" + stderr.Result);
    }
}
