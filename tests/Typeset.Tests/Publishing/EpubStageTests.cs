using System.IO.Compression;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Pipeline;
using Typeset.Publishing.Hyphenation;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing;

/// <summary>The epub stage's options as pipeline.json gives them (no epubcheck here: the writer's tests run it).</summary>
public sealed class EpubStageTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Cover_IsRelativeToPipelineJson_AndSoftHyphensSwitchOn()
    {
        Directory.CreateDirectory(scratch.File("art"));
        using (var bitmap = new SKBitmap(300, 450))
        {
            bitmap.Erase(SKColors.DarkSlateGray);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(scratch.File("art/cover.png"), png.ToArray());
        }

        File.WriteAllText(scratch.File("book.md"), "# Глава\n\nПереправа через государственную границу.\n");
        var epub = Publish("""{ "name": "epub", "cover": "art/cover.png", "softHyphens": true }""");

        Assert.Equal(File.ReadAllBytes(scratch.File("art/cover.png")), Read(epub, "OEBPS/images/cover-image.png"));
        var hyphenated = LiangHyphenator.LoadRussian().Hyphenate("государственную", "\u00AD");
        Assert.Contains('\u00AD', hyphenated);
        Assert.Contains(hyphenated, System.Text.Encoding.UTF8.GetString(Read(epub, "OEBPS/text/chapter-001.xhtml")), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCover_IsWarned_AndACoverDrawnInstead()
    {
        File.WriteAllText(scratch.File("book.md"), "# Глава\n\nПереправа через государственную границу.\n");
        var observer = new SilentObserver();

        var epub = Publish("""{ "name": "epub", "cover": "нет/обложки.jpg" }""", observer);

        Assert.Contains(observer.Warnings, warning => warning.ToString().Contains("обложки.jpg", StringComparison.Ordinal));
        Assert.NotEmpty(Read(epub, "OEBPS/images/cover-image.jpg"));
        Assert.DoesNotContain('\u00AD', System.Text.Encoding.UTF8.GetString(Read(epub, "OEBPS/text/chapter-001.xhtml")));
    }

    [Fact]
    public void CoverThatIsNotAString_IsRejectedBeforeAnythingRuns()
    {
        var exception = Assert.Throws<ConfigException>(() => Config("""{ "name": "epub", "cover": 5 }"""));

        Assert.Contains("cover", exception.Message, StringComparison.Ordinal);
    }

    private string Publish(string stage, SilentObserver? observer = null)
    {
        new PipelineRunner(Config(stage), observer ?? new SilentObserver()).Publish("epub", scratch.File("book.md"), scratch.File("book.epub"));
        return scratch.File("book.epub");
    }

    private PipelineConfig Config(string stage)
    {
        File.WriteAllText(scratch.File("pipeline.json"), $$"""{ "book": { "title": "Проба", "year": 2025 }, "stages": [ {{stage}} ] }""");
        return PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);
    }

    private static byte[] Read(string epub, string entry)
    {
        using var archive = ZipFile.OpenRead(epub);
        using var stream = archive.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
