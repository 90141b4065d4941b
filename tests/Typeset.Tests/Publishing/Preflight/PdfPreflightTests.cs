using System.Diagnostics;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Publishing.Pdf;
using Typeset.Publishing.Preflight;
using Typeset.Tests.Support;

namespace Typeset.Tests.Publishing.Preflight;

/// <summary>The preflight judges files it did not write, fails what a printer would bounce, and our options and bad input.</summary>
public sealed class PdfPreflightTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void A_pdf_as_skia_writes_it_fails_on_every_point_the_issue_names()
    {
        var path = scratch.File("skia.pdf");
        using (var stream = File.Create(path))
        using (var document = SKDocument.CreatePdf(stream))
        using (var font = new SKFont(SKTypeface.FromFile("/usr/share/fonts/truetype/paratype/PTF55F.ttf"), 12))
        using (var paint = new SKPaint { Color = SKColors.Black })
        {
            var canvas = document.BeginPage(300, 400);
            canvas.DrawText("Разгром Японии", 20, 40, SKTextAlign.Left, font, paint);
            document.EndPage();
        }

        var report = PdfPreflight.Check(path);

        foreach (var check in new[] { "PDF version", "PDF/X version", "output intent", "dates", "trapping", "file identifier", "page boxes", "colour spaces", "text colour", "fonts" })
        {
            Assert.True(report.Checks.Single(c => c.Check == check).Status == PreflightStatus.Fail, $"{check} passed: {report.ToMarkdown()}");
        }

        Assert.Contains("NOT subset", report.Checks.Single(c => c.Check == "fonts").Result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_screen_pdf_keeps_rgb_and_claims_no_pdf_x()
    {
        var (path, result) = Write(SampleBook(), new TypesettingSettings { PdfStandard = "screen" });

        var report = PdfPreflight.Check(path);

        ExternalTool.Run("qpdf", "--check", path);
        Assert.Equal(PreflightStatus.Fail, report.Checks.Single(c => c.Check == "output intent").Status);
        Assert.Contains("DeviceRGB", report.Checks.Single(c => c.Check == "text colour").Result, StringComparison.Ordinal);
        Assert.Equal(PreflightStatus.Pass, report.Checks.Single(c => c.Check == "fonts").Status);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("ICC", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_icc_profile_is_named_and_the_file_is_valid_all_the_same()
    {
        var missing = scratch.File("no-such-profile.icc");
        var (path, result) = Write(SampleBook(), new TypesettingSettings { IccProfile = missing });

        Assert.Contains(result.Warnings, warning => warning.Message.Contains(missing, StringComparison.Ordinal));
        ExternalTool.Run("qpdf", "--check", path);
        Assert.Equal(PreflightStatus.Fail, PdfPreflight.Check(path).Checks.Single(c => c.Check == "output intent").Status);
    }

    [Fact]
    public void Crop_marks_are_in_registration_colour_and_bleed_has_its_box()
    {
        var (path, _) = Write(SampleBook(), new TypesettingSettings { BleedMm = 3, CropMarks = true });

        var report = PdfPreflight.Check(path);

        Assert.True(report.Failures == 0, report.ToMarkdown());
        Assert.Contains("Separation /All", report.Checks.Single(c => c.Check == "colour spaces").Result, StringComparison.Ordinal);
        Assert.Contains("bleed 3 mm", report.Checks.Single(c => c.Check == "page boxes").Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_drawn_in_parallel_parts_join_into_a_file_that_passes()
    {
        var (path, result) = Write(SampleBook(copies: 6), new TypesettingSettings(), parts: 3);

        var report = PdfPreflight.Check(path);

        Assert.True(result.PageCount > 40);
        Assert.True(report.Failures == 0, report.ToMarkdown());
        ExternalTool.Run("qpdf", "--check", path);
    }

    [Fact]
    public void Cmyk_16_bit_alpha_and_low_resolution_images_are_named_and_still_make_a_valid_pdf_x()
    {
        var images = Directory.CreateDirectory(scratch.File("img")).FullName;
        SavePng(Path.Combine(images, "alpha.png"), SKColorType.Rgba8888, SKAlphaType.Unpremul, 900, new SKColor(200, 30, 30, 120));
        SavePng(Path.Combine(images, "deep.png"), SKColorType.Rgba16161616, SKAlphaType.Opaque, 900, new SKColor(30, 90, 200));
        SavePng(Path.Combine(images, "small.png"), SKColorType.Rgba8888, SKAlphaType.Opaque, 200, new SKColor(30, 200, 90));
        CmykJpeg(Path.Combine(images, "cmyk.jpg"));
        var markdown = string.Join("\n\n", "# Иллюстрации", "Текст перед снимками.",
            "![*Полупрозрачный снимок*](img/alpha.png)", "![*Шестнадцать бит*](img/deep.png)", "![*CMYK*](img/cmyk.jpg)", "![*Мелкий снимок*](img/small.png)", "Текст после снимков.");
        var book = MarkdownReader.Read(markdown, new BookMeta("Снимки"));

        var (path, result) = Write(book, new TypesettingSettings(), resources: scratch.Path);

        Assert.Contains(result.Warnings, w => w.Message.Contains("alpha.png", StringComparison.Ordinal) && w.Message.Contains("soft mask", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.Contains("deep.png", StringComparison.Ordinal) && w.Message.Contains("16 bits", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.Contains("cmyk.jpg", StringComparison.Ordinal) && w.Message.Contains("CMYK", StringComparison.Ordinal));
        var report = PdfPreflight.Check(path);
        Assert.True(report.Failures == 0, report.ToMarkdown());
        Assert.Equal(PreflightStatus.Warning, report.Checks.Single(c => c.Check == "image resolution").Status);
        Assert.Contains("soft mask", report.Checks.Single(c => c.Check == "transparency").Result, StringComparison.Ordinal);
        ExternalTool.Run("qpdf", "--check", path);
    }

    private (string Path, PdfWriteResult Result) Write(Book book, TypesettingSettings settings, int? parts = null, string? resources = null)
    {
        var path = scratch.File($"book-{Guid.NewGuid():N}.pdf");
        using var stream = File.Create(path);
        var result = PdfBookWriter.Write(book, settings, resources ?? scratch.Path, stream, parts);
        return (path, result);
    }

    private static Book SampleBook(int copies = 1)
    {
        var text = File.ReadAllText(TestPaths.SampleMarkdown);
        return MarkdownReader.Read(string.Join("\n\n", Enumerable.Repeat(text, copies)), new BookMeta("Разгром Японии", Author: "Максим Коломиец"));
    }

    private static void SavePng(string path, SKColorType type, SKAlphaType alpha, int size, SKColor colour)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size * 2 / 3, type, alpha));
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A CMYK JPEG, made by Ghostscript (Skia cannot write one).</summary>
    private void CmykJpeg(string path)
    {
        var postscript = scratch.File("fill.ps");
        File.WriteAllText(postscript, "<< /PageSize [216 144] >> setpagedevice 0.1 0.6 0.8 0.2 setcmykcolor 0 0 216 144 rectfill showpage\n");
        ExternalTool.Run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=jpegcmyk", "-r300", "-o", path, postscript);
    }
}
