using System.Security.Cryptography;
using System.Text;

namespace Typeset.IO;

/// <summary>
/// A file Typeset writes and an editor may then fix by hand (output/book.md). Each write records the file's hash
/// beside it; when the file on disk no longer has that hash, the editor changed it, and the next write first keeps
/// that version as <c>NAME.hand-edited-YYYYMMDD-HHMMSS.EXT</c> — a run never silently replaces the editor's work.
/// </summary>
public static class GeneratedFile
{
    /// <summary>Writes <paramref name="text"/> atomically; returns the path the hand-edited version was kept at, or null.</summary>
    public static string? Write(string path, string text, string stampFile)
    {
        string? kept = null;
        if (File.Exists(path))
        {
            var onDisk = Hash(File.ReadAllBytes(path));
            var recorded = File.Exists(stampFile) ? File.ReadAllText(stampFile).Trim() : null;
            var newText = Hash(Encoding.UTF8.GetBytes(text));
            // Without a record (a run before hashes were kept) only a file that differs from the new text is kept.
            if (onDisk != newText && onDisk != recorded)
            {
                kept = KeptName(path);
                File.Copy(path, kept);
            }
        }

        AtomicFile.WriteAllText(path, text);
        AtomicFile.WriteAllText(stampFile, Hash(Encoding.UTF8.GetBytes(text)) + "\n");
        return kept;
    }

    private static string KeptName(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var candidate = Path.Combine(folder, $"{stem}.hand-edited-{stamp}{extension}");
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(folder, $"{stem}.hand-edited-{stamp}-{n}{extension}");
        }

        return candidate;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
