using System.IO.Compression;
using SkiaSharp;
using Typeset.Publishing.Epub;

namespace Typeset.Tests.Publishing.Epub;

public sealed class EpubImageCacheFixture : IDisposable
{
    public string ResourceDirectory { get; } = EpubTestBooks.CreateResourceDirectory();

    public void Dispose() => Directory.Delete(ResourceDirectory, recursive: true);
}

public sealed class EpubImageCacheTests(EpubImageCacheFixture fixture) : IClassFixture<EpubImageCacheFixture>, IDisposable
{
    private readonly string cacheFolder = Directory.CreateTempSubdirectory("typeset-epub-cache-").FullName;

    public void Dispose() => Directory.Delete(cacheFolder, recursive: true);

    private byte[] Build(string? cache = "use")
    {
        using var output = new MemoryStream();
        EpubBookWriter.Write(EpubTestBooks.EdgeCases(), new EpubSettings(SplitLevel: 2, ImageCacheFolder: cache is null ? null : cacheFolder),
            fixture.ResourceDirectory, output);
        return output.ToArray();
    }

    private static byte[] Entry(byte[] epub, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(epub), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Rebuild_FromTheCache_GivesTheSameBytes_AsABuildWithoutIt()
    {
        var uncached = Build(cache: null);
        var first = Build();
        var cached = Directory.GetFiles(cacheFolder);
        var second = Build();

        // The two large PNGs, scaled; the small JPEG, kept byte for byte, is not cached.
        Assert.Equal(2, cached.Length);
        Assert.Equal(uncached, first);
        Assert.Equal(uncached, second);
    }

    [Fact]
    public void Rebuild_TakesTheScaledImage_FromTheCache()
    {
        Build();
        var entry = Directory.GetFiles(cacheFolder, "*.jpg").Single();
        using var standIn = new SKBitmap(16, 12);
        standIn.Erase(SKColors.OrangeRed);
        var marker = SKImage.FromBitmap(standIn).Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        File.WriteAllBytes(entry, marker);

        Assert.Equal(marker, Entry(Build(), "OEBPS/images/image-002.jpg"));
    }

    [Fact]
    public void DamagedEntry_IsEncodedAgain()
    {
        var first = Build();
        foreach (var entry in Directory.GetFiles(cacheFolder))
        {
            File.WriteAllBytes(entry, [1, 2, 3]);
        }

        Assert.Equal(first, Build());
    }

    [Fact]
    public void EntriesTheBookNoLongerUses_AreRemoved()
    {
        var stale = Path.Combine(cacheFolder, "0123456789abcdef0123456789abcdef-v0-1600-q85.jpg");
        File.WriteAllBytes(stale, [1, 2, 3]);

        Build();

        Assert.False(File.Exists(stale));
        Assert.Equal(2, Directory.GetFiles(cacheFolder).Length);
    }
}
