using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Interop.Tesseract;

/// <summary>The P/Invoke wrapper against the real libtesseract 5 and Debian's rus model.</summary>
public class TesseractEngineTests
{
    [Fact]
    public void Reports_a_version_5_library()
    {
        Assert.StartsWith("5.", TesseractEngine.Version);
    }

    [Fact]
    public void Recognises_rendered_Russian_text_with_a_box_and_a_confidence_for_every_word()
    {
        using var bitmap = SyntheticScan.Render([SyntheticScan.Pangram, "Москва, 1945 год."]);
        var image = SyntheticScan.Grey(bitmap);
        using var engine = TesseractEngine.Open("rus+eng");

        var page = engine.Recognize(image.Pixels, image.Width, image.Height, image.Dpi);

        var lines = page.Blocks.SelectMany(b => b.Lines).ToList();
        Assert.Equal(2, lines.Count);
        var words = lines.SelectMany(l => l.Words).ToList();
        Assert.Contains(words, w => w.Text == "мягких");
        Assert.Contains(words, w => w.Text == "Москва,");
        Assert.InRange(words.Average(w => w.Confidence), 80, 100);
        Assert.All(words, w =>
        {
            Assert.InRange(w.Confidence, 0, 100);
            Assert.True(w.Box.Width > 0 && w.Box.Height > 0 && w.Box.Right <= image.Width && w.Box.Bottom <= image.Height, $"{w.Text}: {w.Box}");
        });
        Assert.True(lines[0].Box.Y < lines[1].Box.Y, "lines in reading order");
        Assert.InRange(lines[0].Baseline, lines[0].Box.Y, lines[0].Box.Bottom);
        var year = words.Single(w => w.Text == "1945");
        Assert.NotNull(year.Symbols);
        Assert.Equal("1945", string.Concat(year.Symbols!.Select(s => s.Text)));
    }

    [Fact]
    public void The_same_engine_recognises_page_after_page()
    {
        using var engine = TesseractEngine.Open("rus");
        foreach (var text in new[] { "Первая страница", "Вторая страница" })
        {
            using var bitmap = SyntheticScan.Render([text]);
            var image = SyntheticScan.Grey(bitmap);
            var words = engine.Recognize(image.Pixels, image.Width, image.Height, 300).Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words);
            Assert.Equal(text, string.Join(' ', words.Select(w => w.Text)));
        }
    }

    [Fact]
    public void Recognises_a_black_and_white_page_given_as_bits()
    {
        using var bitmap = SyntheticScan.Render([SyntheticScan.Pangram, "Москва, 1945 год."], width: 1803);
        var binary = Binarization.Binarize(SyntheticScan.Grey(bitmap));
        using var engine = TesseractEngine.Open("rus+eng");

        var page = engine.RecognizeBinary(binary.Bits, binary.Width, binary.Height, binary.Stride, binary.Dpi);

        var lines = page.Blocks.SelectMany(b => b.Lines).Select(l => string.Join(' ', l.Words.Select(w => w.Text))).ToList();
        Assert.Equal(SyntheticScan.Pangram, lines[0]);
        Assert.Equal("Москва, 1945 год.", lines[1]);
        Assert.Equal((1803, binary.Height), (page.Width, page.Height));
    }

    [Fact]
    public void A_bit_buffer_too_small_for_the_page_is_refused_before_the_library_reads_it()
    {
        using var engine = TesseractEngine.Open("eng");
        Assert.Throws<ArgumentException>(() => engine.RecognizeBinary(new byte[100], 801, 10, 100, 300));
        Assert.Throws<ArgumentException>(() => engine.RecognizeBinary(new byte[1000], 801, 10, 99, 300));
    }

    [Fact]
    public void A_missing_model_is_an_error_naming_the_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TesseractEngine.Open("rus", "/nonexistent/tessdata"));
        Assert.Contains("/nonexistent/tessdata/rus.traineddata", error.Message);
    }

    [Fact]
    public void An_unknown_variable_is_refused()
    {
        using var engine = TesseractEngine.Open("eng");
        Assert.Throws<ArgumentException>(() => engine.SetVariable("no_such_variable_here", "1"));
    }

    [Fact]
    public void The_native_environment_limits_OpenMP_to_one_thread()
    {
        TesseractEngine.PrepareNativeEnvironment();
        Assert.Equal("1", System.Runtime.InteropServices.Marshal.PtrToStringUTF8(LibC.getenv("OMP_THREAD_LIMIT")));
    }
}
