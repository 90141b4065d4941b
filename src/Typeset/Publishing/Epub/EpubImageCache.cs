using System.Globalization;
using System.Security.Cryptography;
using SkiaSharp;
using Typeset.IO;

namespace Typeset.Publishing.Epub;

/// <summary>
/// Keeps scaled and re-encoded images between runs (output/work/epub/images), named by the SHA-256 of the source bytes and the
/// encoder's settings. An editor rebuilds the book after every review session while the figures stay the same, and decoding and
/// scaling the same scans again would take most of each build. Entries the current book no longer uses are removed at the end
/// of the build, so the folder holds one book's images. A missing or unreadable entry is simply encoded again.
/// </summary>
internal sealed class EpubImageCache(string folder)
{
    // Part of every name: a change to how images are encoded must not reuse old results.
    private static readonly string Settings = string.Create(
        CultureInfo.InvariantCulture, $"v{EncoderVersion}-{EpubImageEncoder.MaxLongSide}-q{EpubImageEncoder.JpegQuality}");

    private const int EncoderVersion = 2;

    private readonly HashSet<string> used = [];

    public string Folder { get; } = folder;

    public static string KeyOf(byte[] source) => $"{Convert.ToHexStringLower(SHA256.HashData(source))[..32]}-{Settings}";

    public EncodedImage? TryGet(string key)
    {
        lock (used)
        {
            used.Add(key);
        }

        foreach (var (extension, mediaType) in new[] { ("jpg", "image/jpeg"), ("png", "image/png") })
        {
            var path = Path.Combine(Folder, $"{key}.{extension}");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                var content = File.ReadAllBytes(path);
                using var codec = SKCodec.Create(new MemoryStream(content));
                if (codec is not null)
                {
                    return new EncodedImage(content, mediaType, extension, codec.Info.Width, codec.Info.Height);
                }
            }
            catch (IOException)
            {
                // Unreadable now (removed by another build, disk trouble): encode it again.
            }
        }

        return null;
    }

    /// <summary>Stores an encoded image; a cache that cannot be written only costs time on the next run.</summary>
    public void Put(string key, EncodedImage image)
    {
        if (image.Content is null)
        {
            return; // an image kept as it is has nothing to keep
        }

        try
        {
            AtomicFile.Write(Path.Combine(Folder, $"{key}.{image.Extension}"), stream => stream.Write(image.Content));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Deletes the entries this build did not ask for (images since removed or changed).</summary>
    public void RemoveUnused()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || used.Contains(Path.GetFileNameWithoutExtension(name)))
            {
                continue; // dot files are another build's temp files
            }

            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
