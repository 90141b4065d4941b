using System.Diagnostics;
using Typeset.IO;
using Typeset.Tests.Support;

namespace Typeset.Tests.IO;

public class StaleTempFilesTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Temp(string folder, string name, int pid)
    {
        Directory.CreateDirectory(scratch.File(folder));
        var path = Path.GetFullPath(Path.Combine(scratch.File(folder), $".{name}.{pid}.{Guid.NewGuid():N}.tmp"));
        File.WriteAllText(path, "half a file");
        return path;
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void Files_of_a_process_that_is_gone_are_removed_and_a_live_ones_are_kept()
    {
        using var live = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var dead = Temp("review", "book.pdf", ExitedProcessId());
            var probe = scratch.File(".write-test-" + ExitedProcessId() + ".tmp");
            File.WriteAllText(probe, string.Empty);
            Thread.Sleep(1100); // the live process started before its file was written
            var running = Temp("review", "edits.jsonl", live.Id);
            var ours = Temp(".", "book.md", Environment.ProcessId);
            var stranger = Path.Combine(scratch.Path, ".keep.tmp");
            File.WriteAllText(stranger, "not ours");

            var removed = StaleTempFiles.Remove(scratch.Path, recursive: true);

            Assert.Equal(new[] { dead, probe }.Order(), removed.Order());
            Assert.True(File.Exists(running));
            Assert.True(File.Exists(ours));
            Assert.True(File.Exists(stranger));
        }
        finally
        {
            live.Kill();
            live.WaitForExit();
        }
    }

    [Fact]
    public void A_file_older_than_the_process_now_holding_its_id_is_stale()
    {
        // Our own id, but written before this process started: a killed run whose id was reused.
        var old = Temp(".", "book.epub", Environment.ProcessId);
        File.SetLastWriteTimeUtc(old, Process.GetCurrentProcess().StartTime.ToUniversalTime().AddMinutes(-5));

        Assert.Equal([old], StaleTempFiles.Remove(scratch.Path, recursive: false));
    }
}
