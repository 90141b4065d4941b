using SkiaSharp;
using Typeset.Edits;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class ScanInputsTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Pages_come_in_natural_file_name_order()
    {
        foreach (var name in new[] { "page10.png", "page2.png", "page1.jpg", "notes.txt" })
        {
            File.WriteAllBytes(scratch.File(name), [1]);
        }

        var pages = ScanInputs.Expand([scratch.Path]).Select(p => Path.GetFileName(p.File)).ToList();

        Assert.Equal(["page1.jpg", "page2.png", "page10.png"], pages);
    }

    [Fact]
    public void Every_page_of_a_multi_page_TIFF_is_recognised()
    {
        using var first = SyntheticScan.Render(["Первая страница"]);
        using var second = SyntheticScan.Render(["Вторая страница"]);
        File.WriteAllBytes(scratch.File("book.tif"), SyntheticScan.Tiff([first, second]));

        Assert.Equal(2, ScanInputs.TiffPageCount(scratch.File("book.tif")));
        var outcome = OcrBook.Recognize([scratch.File("book.tif")], new OcrSettings(), new OcrFolders(scratch.Path, scratch.File("images"), scratch.File("work")),
            BookMeta.Untitled, NoDecisions.Instance);

        Assert.Empty(outcome.Failures);
        var text = outcome.Book.Blocks.OfType<Paragraph>().Select(p => Inlines.PlainText(p.Content)).ToList();
        Assert.Equal(["Первая страница", "Вторая страница"], text);
    }

    [Fact]
    public void A_PDF_of_scans_is_rasterised_at_its_images_resolution()
    {
        using var page = SyntheticScan.Render(["Страница из PDF"]);
        using var image = SKImage.FromBitmap(page);
        using (var stream = File.Create(scratch.File("scans.pdf")))
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { RasterDpi = 300 }))
        {
            var canvas = document.BeginPage(page.Width * 72f / 200, page.Height * 72f / 200);
            canvas.DrawImage(image, SKRect.Create(0, 0, page.Width * 72f / 200, page.Height * 72f / 200), new SKSamplingOptions(SKFilterMode.Linear));
            document.EndPage();
            document.Close();
        }

        var source = Assert.Single(ScanInputs.Expand([scratch.File("scans.pdf")])).Source!;
        Assert.Equal(ScanFormat.Pdf, source.Format);
        Assert.Equal(200, source.NativeDpi);
        var grey = ScanDecoder.Decode(source, 100_000_000, 300);
        Assert.InRange(grey.Width, page.Width - 2, page.Width + 2);
    }

    [Fact]
    public void JPEG_and_PNG_resolutions_are_read_from_the_file()
    {
        using var bitmap = SyntheticScan.Render(["Текст"]);
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var bytes = jpeg.ToArray();
        // JFIF density 400×400 dpi.
        var app0 = Array.IndexOf(bytes, (byte)'J');
        bytes[app0 + 7] = 1;
        bytes[app0 + 8] = 400 >> 8;
        bytes[app0 + 9] = 400 & 0xFF;

        Assert.Equal(400, ScanDecoder.JpegDpi(bytes));
        Assert.Equal(400, ScanDecoder.DecodeWithSkia(bytes, 100_000_000, 300).Dpi);
        Assert.Equal(300, ScanDecoder.DecodeWithSkia(SyntheticScan.Png(["Текст"]), 100_000_000, 300).Dpi);
    }
}
