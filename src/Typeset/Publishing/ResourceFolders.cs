namespace Typeset.Publishing;

/// <summary>
/// Where a book's images may come from: the folder of its Markdown, the project (the folder of pipeline.json), and the
/// folders <c>paths.images</c> names. A path that leaves them — <c>../../etc/shadow</c>, an absolute path elsewhere, a
/// link pointing out — is refused, and a URL is never fetched.
/// </summary>
public sealed class ResourceFolders
{
    private readonly List<string> roots;

    public ResourceFolders(string resourceDirectory, IEnumerable<string> allowedRoots)
    {
        ResourceDirectory = Path.GetFullPath(resourceDirectory);
        roots = allowedRoots.Prepend(ResourceDirectory).Select(root => WithSeparator(Path.GetFullPath(root))).Distinct().ToList();
    }

    /// <summary>Every path under the resource directory only (tests, and callers with no project).</summary>
    public static ResourceFolders Only(string resourceDirectory) => new(resourceDirectory, []);

    public string ResourceDirectory { get; }

    /// <summary>The full path of an image reference, or null when it is a URL or lies outside the allowed folders.</summary>
    public string? Resolve(string reference)
    {
        if (IsUrl(reference))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(ResourceDirectory, reference));
        if (!IsInside(path))
        {
            return null;
        }

        // A link inside the project may point anywhere: its final target must be allowed too.
        try
        {
            var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) : null;
            return target is null || IsInside(Path.GetFullPath(target.FullName)) ? path : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Why <see cref="Resolve"/> refused a reference, for the warning.</summary>
    public string Refusal(string reference) => IsUrl(reference)
        ? $"image '{reference}' is a URL; Typeset never fetches images from the network: download it into the project; caption only"
        : $"image '{reference}' lies outside the project and the folders paths.images names; refused (add its folder to paths.images in pipeline.json); caption only";

    private static bool IsUrl(string reference) => reference.Contains("://", StringComparison.Ordinal) ||
        reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("//", StringComparison.Ordinal);

    private bool IsInside(string path) => roots.Any(root => path.StartsWith(root, StringComparison.Ordinal));

    private static string WithSeparator(string folder) =>
        folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
}
