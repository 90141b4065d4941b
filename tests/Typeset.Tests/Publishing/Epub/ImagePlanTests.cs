using System.IO.Compression;
using SkiaSharp;
using Typeset.Model;
using Typeset.Publishing.Epub;

namespace Typeset.Tests.Publishing.Epub;

public sealed class ImagePlanTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("typeset-epub-images-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Images_kept_as_they_are_are_copied_byte_for_byte_however_long_their_headers()
    {
        // A photo PNG larger than the header read, and a JPEG whose size comes after 320 KB of metadata segments.
        var png = Photo(1200, 800, SKEncodedImageFormat.Png);
        var jpeg = WithMetadata(Photo(600, 400, SKEncodedImageFormat.Jpeg), segments: 5);
        File.WriteAllBytes(Path.Combine(directory, "photo.png"), png);
        File.WriteAllBytes(Path.Combine(directory, "photo.jpg"), jpeg);
        Assert.True(png.Length > 256 * 1024);
        var book = new Book(new BookMeta("Снимки"), ValueList<Block>.Of(
            new Heading("h", 1, ValueList<Inline>.Of(new Text("Глава"))),
            new Figure("f1", "photo.png", ValueList<Inline>.Of(new Text("Снимок"))),
            new Figure("f2", "photo.jpg", ValueList<Inline>.Of(new Text("Ещё снимок")))));

        using var output = new MemoryStream();
        var result = EpubBookWriter.Write(book, new EpubSettings(), directory, output);

        Assert.Empty(result.Warnings);
        using var archive = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(png, Read(archive, "OEBPS/images/image-001.png"));
        Assert.Equal(jpeg, Read(archive, "OEBPS/images/image-002.jpg"));
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Photo(int width, int height, SKEncodedImageFormat format)
    {
        var random = new Random(3);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    /// <summary>The JPEG with APP15 segments of 64 KB each inserted after its start marker.</summary>
    private static byte[] WithMetadata(byte[] jpeg, int segments)
    {
        var result = new List<byte>(jpeg[..2]);
        for (var i = 0; i < segments; i++)
        {
            const int Length = 65533;
            result.AddRange([0xFF, 0xEF, (byte)(Length >> 8), (byte)(Length & 0xFF)]);
            result.AddRange(new byte[Length - 2]);
        }

        result.AddRange(jpeg[2..]);
        return [.. result];
    }
}
