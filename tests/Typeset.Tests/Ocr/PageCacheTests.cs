using Typeset.Edits;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class PageCacheTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private OcrOutcome Recognize(OcrSettings? settings = null) =>
        OcrBook.Recognize([scratch.File("scans")], settings ?? new OcrSettings(), new OcrFolders(scratch.Path, scratch.File("images"), scratch.File("work")), BookMeta.Untitled,
            NoDecisions.Instance);

    [Fact]
    public void A_rerun_uses_the_cache_and_replacing_one_page_reOCRs_only_that_page()
    {
        Directory.CreateDirectory(scratch.File("scans"));
        File.WriteAllBytes(scratch.File("scans/page1.png"), SyntheticScan.Png(["Первая страница книги"]));
        File.WriteAllBytes(scratch.File("scans/page2.png"), SyntheticScan.Png(["Вторая страница книги"]));

        var first = Recognize();
        var second = Recognize();
        File.WriteAllBytes(scratch.File("scans/page2.png"), SyntheticScan.Png(["Новая вторая страница"]));
        var third = Recognize();

        Assert.Equal(0, first.FromCache);
        Assert.Equal(2, second.FromCache);
        Assert.Equal(first.Book, second.Book);
        Assert.Equal(1, third.FromCache);
        Assert.Contains("Новая вторая страница", Inlines.PlainText(third.Book.Blocks.OfType<Paragraph>().Last().Content));
    }

    [Fact]
    public void Other_settings_do_not_reuse_the_cache()
    {
        Directory.CreateDirectory(scratch.File("scans"));
        File.WriteAllBytes(scratch.File("scans/page1.png"), SyntheticScan.Png(["Первая страница книги"]));

        Recognize();
        var withOtherLanguages = Recognize(new OcrSettings(Languages: "rus"));

        Assert.Equal(0, withOtherLanguages.FromCache);
    }

    [Fact]
    public void The_key_depends_on_image_page_and_settings()
    {
        var settings = new OcrSettings();
        Assert.NotEqual(PageCache.Key("aa", 0, settings), PageCache.Key("ab", 0, settings));
        Assert.NotEqual(PageCache.Key("aa", 0, settings), PageCache.Key("aa", 1, settings));
        Assert.NotEqual(PageCache.Key("aa", 0, settings), PageCache.Key("aa", 0, settings with { Dpi = 400 }));
        Assert.Equal(PageCache.Key("aa", 0, settings), PageCache.Key("aa", 0, settings with { Workers = 7 }));
    }
}
