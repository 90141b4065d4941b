namespace Typeset.IO;

/// <summary>
/// Which paths a command may write: never an input file, never inside an input folder, never the editor's
/// book.md by way of another format. Paths are compared after resolving <c>..</c> and the symbolic links of the part
/// that exists, so a link into input/ is input/.
/// </summary>
public static class OutputPaths
{
    /// <summary>The absolute path with the symbolic links of its existing ancestors (and itself) resolved.</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        var existing = full;
        while (!Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                break;
            }

            missing.Push(Path.GetFileName(existing));
            existing = parent;
        }

        var resolved = Resolve(existing);
        while (missing.Count > 0)
        {
            resolved = Path.Combine(resolved, missing.Pop());
        }

        return resolved.Length > 1 ? resolved.TrimEnd(Path.DirectorySeparatorChar) : resolved;
    }

    /// <summary>A file, a folder, or a link (even one whose target is missing: it still decides where a write goes).</summary>
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Resolves every link along an existing path, from the root down.</summary>
    private static string Resolve(string existing)
    {
        var root = Path.GetPathRoot(existing) ?? "/";
        var current = root;
        foreach (var part in existing[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (var hops = 0; hops < 40; hops++)
            {
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not { } target)
                {
                    break;
                }

                current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
            }
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both canonical).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        var p = Canonical(path);
        var f = Canonical(folder);
        return p == f || p.StartsWith(f.EndsWith(Path.DirectorySeparatorChar) ? f : f + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    public static bool IsSame(string a, string b) => Canonical(a) == Canonical(b);

    /// <summary>
    /// Null when <paramref name="output"/> may be written, else one line naming it and why not: it is one of
    /// <paramref name="inputFiles"/>, or lies in one of <paramref name="inputFolders"/>.
    /// </summary>
    public static string? Refusal(string output, IEnumerable<string> inputFiles, IEnumerable<string> inputFolders)
    {
        foreach (var input in inputFiles)
        {
            if (IsSame(output, input))
            {
                return $"{output}: is an input of this command ({input}); write the output elsewhere";
            }
        }

        foreach (var folder in inputFolders)
        {
            if (IsSameOrInside(output, folder))
            {
                var where = IsSame(output, folder) ? "is the input folder," : $"is inside the input folder {folder},";
                return $"{output}: {where} which Typeset never writes; write the output elsewhere";
            }
        }

        return null;
    }
}
