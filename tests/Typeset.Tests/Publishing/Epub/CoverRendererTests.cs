using SkiaSharp;
using Typeset.Tests.Support;
using Typeset.Model;
using Typeset.Publishing.Epub;
using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Epub;

public sealed class CoverRendererTests
{
    [Fact]
    public void LongTexts_AreWrappedAndShrunkInsideTheFrame()
    {
        var meta = new BookMeta(
            "Советско-японская война тысяча девятьсот сорок пятого года: Маньчжурская стратегическая наступательная операция Забайкальского фронта",
            "Документы, воспоминания, фотографии и карты из архивов Министерства обороны",
            "Коллектив авторов под редакцией Константина Константиновича Константинопольского",
            "Издательство «Военно-историческая литература»",
            "Санкт-Петербург",
            2025);

        using var cover = SKBitmap.Decode(CoverRenderer.Render(meta, FontResolver.System));

        Assert.Equal((CoverRenderer.Width, CoverRenderer.Height), (cover.Width, cover.Height));
        // The frame is drawn at 110 px from the edge; text running off its line would leave ink outside it.
        Assert.Equal(0, InkPixels(cover, new SKRectI(0, 0, 100, CoverRenderer.Height)));
        Assert.Equal(0, InkPixels(cover, new SKRectI(CoverRenderer.Width - 100, 0, CoverRenderer.Width, CoverRenderer.Height)));
        Assert.True(InkPixels(cover, new SKRectI(260, 700, 1340, 1500)) > 5000);
    }

    [Fact]
    public void SameMetadata_GivesTheSameBytes_OtherMetadataOthers()
    {
        var meta = new BookMeta("Разгром Японии", Author: "Максим Коломиец", Year: 2025);

        Assert.Equal(CoverRenderer.Render(meta, FontResolver.System), CoverRenderer.Render(meta, FontResolver.System));
        Assert.NotEqual(CoverRenderer.Render(meta, FontResolver.System), CoverRenderer.Render(meta with { Year = 2026 }, FontResolver.System));
    }

    private static int InkPixels(SKBitmap bitmap, SKRectI area) => BitmapInk.Count(bitmap, area, darkerThan: 450);
}
