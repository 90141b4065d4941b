using System.Collections.Concurrent;
using System.Text;

namespace Typeset.Review;

/// <summary>
/// Appends whole lines to a text file so that concurrent writers never interleave and a crash never corrupts what was
/// written before: one writer at a time (a lock per file inside the process, an exclusive file lock across processes),
/// one write per line, flushed to disk before the call returns. A crash mid-write can leave only an unterminated last
/// line; the next append repairs it first.
/// </summary>
internal static class AppendOnlyLineFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <param name="keepUnterminatedTail">
    /// Given an unterminated last line: true keeps it (a hand edit without a final newline: it gets one), false drops it
    /// (a write torn by a crash, never acknowledged).
    /// </param>
    public static void Append(string path, string line, Func<string, bool> keepUnterminatedTail) =>
        AppendLines(path, [line], keepUnterminatedTail);

    /// <summary>Appends several lines in one write: a crash leaves all of them or a torn last one, never a mix with another writer's.</summary>
    public static void AppendLines(string path, IReadOnlyList<string> lines, Func<string, bool> keepUnterminatedTail)
    {
        if (lines.Any(line => line.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("one line each", nameof(lines));
        }

        var fullPath = Path.GetFullPath(path);
        lock (Gates.GetOrAdd(fullPath, _ => new Lock()))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            // FileShare.None takes an exclusive flock on Unix: another typeset process waits its turn below.
            using var stream = WithRetry(() => new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            var prefix = RepairTail(stream, keepUnterminatedTail);
            stream.Seek(0, SeekOrigin.End);
            stream.Write(Utf8.GetBytes(prefix + string.Concat(lines.Select(line => line + "\n"))));
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The file's lines; the last one is flagged when it has no final newline (possibly torn by a crash).</summary>
    public static IReadOnlyList<(string Text, bool Terminated)> ReadLines(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return [];
        }

        byte[] bytes;
        lock (Gates.GetOrAdd(fullPath, _ => new Lock()))
        {
            bytes = WithRetry(() =>
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return memory.ToArray();
            });
        }

        // A torn write can cut a multi-byte character: decode leniently, the torn line is judged by its parser.
        var text = Utf8.GetString(bytes).TrimStart('\uFEFF');
        var lines = new List<(string, bool)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((text[start..].TrimEnd('\r'), false));
                break;
            }

            lines.Add((text[start..end].TrimEnd('\r'), true));
            start = end + 1;
        }

        return lines;
    }

    /// <summary>Returns what to write before the new line: a newline when the kept tail lacks one.</summary>
    private static string RepairTail(FileStream stream, Func<string, bool> keepUnterminatedTail)
    {
        if (stream.Length == 0)
        {
            return string.Empty;
        }

        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n')
        {
            return string.Empty;
        }

        // Find the start of the unterminated tail, reading backwards in chunks (lines are short).
        var position = stream.Length;
        var tailStart = 0L;
        var buffer = new byte[4096];
        while (position > 0)
        {
            var count = (int)Math.Min(buffer.Length, position);
            position -= count;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                tailStart = position + newline + 1;
                break;
            }
        }

        var tail = new byte[stream.Length - tailStart];
        stream.Seek(tailStart, SeekOrigin.Begin);
        stream.ReadExactly(tail);
        if (keepUnterminatedTail(Utf8.GetString(tail).TrimEnd('\r')))
        {
            return "\n";
        }

        stream.SetLength(tailStart);
        return string.Empty;
    }

    private static T WithRetry<T>(Func<T> open)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return open();
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && DateTime.UtcNow < deadline)
            {
                // Another process holds the file lock: its append takes milliseconds.
                Thread.Sleep(5);
            }
        }
    }
}
