using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Typeset.IO;

/// <summary>
/// Temporary files a killed run left behind: <see cref="AtomicFile"/>'s <c>.NAME.PID.GUID.tmp</c> and the runner's
/// <c>.write-test-PID.tmp</c>. Removed when the process that wrote them is gone — or when its process id now belongs to
/// a process started after the file was last written (the id was reused). A live writer's files are never touched.
/// </summary>
public static partial class StaleTempFiles
{
    /// <summary>Removes the stale temporary files in <paramref name="folder"/> (and below it when <paramref name="recursive"/>); returns their paths.</summary>
    public static IReadOnlyList<string> Remove(string folder, bool recursive)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder))
        {
            return removed;
        }

        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, ".*.tmp", new EnumerationOptions
            {
                RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint,
            }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }

        foreach (var file in files)
        {
            var match = TempName().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (IsStale(pid, File.GetLastWriteTimeUtc(file)))
                {
                    File.Delete(file);
                    removed.Add(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Vanished meanwhile (its writer renamed it) or not ours to delete: leave it.
            }
        }

        return removed;
    }

    private static bool IsStale(int pid, DateTime lastWriteUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // The writer still runs only if it started before it last wrote the file; a later start is a reused id.
            return process.HasExited || process.StartTime.ToUniversalTime() > lastWriteUtc.AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false; // cannot tell: keep it
        }
    }

    [GeneratedRegex(@"^\.(?:.+\.(?<pid>\d{1,9})\.[0-9a-f]{32}|write-test-(?<pid>\d{1,9}))\.tmp$")]
    private static partial Regex TempName();
}
