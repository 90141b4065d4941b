using SkiaSharp;
using Typeset.Interop.Tesseract;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

/// <summary>Pictures told from what layout analysis also calls "image": tables, forms, signatures, text.</summary>
public class PictureRegionsTests
{
    private static readonly PageMeasure Measure = new(XHeight: 20, LinePitch: 55, StrokeWidth: 4, Letters: 1000, PaperTone: 240, PaperNoise: 3, InkTone: 30);

    private static PictureVerdict Judge(Action<SKCanvas> draw, double textCover = 0)
    {
        using var bitmap = new SKBitmap(900, 600, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(240, 240, 240));
            draw(canvas);
        }

        return PictureRegions.Judge(SyntheticScan.Grey(bitmap), Measure, threshold: 135, textCover);
    }

    private static void Text(SKCanvas canvas, float x, float y, string text, float size = 40)
    {
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/paratype/PTF55F.ttf");
        using var font = new SKFont(typeface, size);
        using var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, ink);
    }

    [Fact]
    public void A_photograph_is_a_picture()
    {
        var verdict = Judge(canvas =>
        {
            var random = new Random(3);
            using var paint = new SKPaint();
            for (var y = 0; y < 600; y += 6)
            {
                for (var x = 0; x < 900; x += 6)
                {
                    var tone = (byte)Math.Clamp(130 + 70 * Math.Sin(x / 90.0) * Math.Cos(y / 70.0) + random.Next(-20, 20), 0, 255);
                    paint.Color = new SKColor(tone, tone, tone);
                    canvas.DrawRect(x, y, 6, 6, paint);
                }
            }
        });

        Assert.True(verdict.IsPicture, verdict.Reason);
    }

    [Fact]
    public void A_drawing_of_large_dark_shapes_is_a_picture()
    {
        var verdict = Judge(canvas =>
        {
            using var ink = new SKPaint { Color = new SKColor(25, 25, 25), IsAntialias = true };
            canvas.DrawCircle(250, 300, 180, ink);
            canvas.DrawRect(480, 120, 300, 380, ink);
        });

        Assert.True(verdict.IsPicture, verdict.Reason);
    }

    [Fact]
    public void A_ruled_table_of_figures_is_no_picture()
    {
        var verdict = Judge(canvas =>
        {
            using var rule = new SKPaint { Color = new SKColor(30, 30, 30), StrokeWidth = 3 };
            for (var y = 20; y <= 580; y += 70)
            {
                canvas.DrawLine(20, y, 880, y, rule);
            }

            foreach (var x in new[] { 20, 300, 600, 880 })
            {
                canvas.DrawLine(x, 20, x, 580, rule);
            }

            for (var row = 0; row < 8; row++)
            {
                Text(canvas, 40, 70 + row * 70, $"Стол {row + 1}");
                Text(canvas, 320, 70 + row * 70, $"{(row + 3) * 117} руб.");
                Text(canvas, 620, 70 + row * 70, $"{row * 31 + 5},00");
            }
        });

        Assert.False(verdict.IsPicture, verdict.Reason);
    }

    [Fact]
    public void A_signature_is_no_picture()
    {
        var verdict = Judge(canvas =>
        {
            using var pen = new SKPaint { Color = new SKColor(40, 40, 90), StrokeWidth = 4, Style = SKPaintStyle.Stroke, IsAntialias = true };
            var previous = new SKPoint(80, 400);
            for (var x = 100; x < 820; x += 20)
            {
                var next = new SKPoint(x, 300 + (float)(90 * Math.Sin(x / 23.0) * Math.Cos(x / 71.0)));
                canvas.DrawLine(previous, next, pen);
                previous = next;
            }

            canvas.DrawLine(60, 450, 840, 450, pen);
        });

        Assert.False(verdict.IsPicture, verdict.Reason);
    }

    [Fact]
    public void A_region_covered_by_text_Tesseract_read_is_no_picture()
    {
        var verdict = Judge(canvas => canvas.Clear(new SKColor(120, 120, 120)), textCover: 0.3);

        Assert.False(verdict.IsPicture, verdict.Reason);
    }

    [Fact]
    public void Text_cover_counts_the_confident_words_of_text_blocks_inside_the_box()
    {
        RecognizedWord Word(int x, float confidence) => new("слово", confidence, new Box(x, 0, 100, 50), false, false, 0, null);
        var page = new RecognizedPage(1000, 1000,
        [
            new RecognizedBlock(BlockKind.FlowingText, new Box(0, 0, 1000, 50), [new RecognizedLine(new Box(0, 0, 1000, 50), 45, true, [Word(0, 90), Word(150, 90), Word(300, 20)])]),
        ]);

        Assert.Equal(0.5, PictureRegions.TextCover(page, new Box(0, 0, 400, 50)), 3);
    }

    /// <summary>A region of 900×600: <paramref name="draw"/> on light paper.</summary>
    private static GreyImage Region(Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(900, 600, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(240, 240, 240));
            draw(canvas);
        }

        return SyntheticScan.Grey(bitmap);
    }

    /// <summary>A woven cloth: dark threads with light ones between, its edge (the page's) slanting across the region.</summary>
    private static void Cloth(SKCanvas canvas, Func<int, int> depthAt)
    {
        var random = new Random(5);
        using var paint = new SKPaint();
        for (var x = 0; x < 900; x += 4)
        {
            for (var y = 0; y < depthAt(x); y += 4)
            {
                var tone = (byte)((x / 4 + y / 4) % 2 == 0 ? random.Next(20, 70) : random.Next(150, 230));
                paint.Color = new SKColor(tone, tone, tone);
                canvas.DrawRect(x, y, 4, 4, paint);
            }
        }
    }

    [Fact]
    public void The_background_around_a_photographed_page_and_blank_paper_is_no_picture()
    {
        var region = Region(canvas => Cloth(canvas, x => 120 + x / 10));

        Assert.True(PictureRegions.BeyondThePage(region, Measure, (Left: false, Top: true, Right: false, Bottom: false)));
    }

    [Fact]
    public void The_same_background_on_an_edge_the_region_does_not_touch_is_not_taken_for_it()
    {
        var region = Region(canvas => Cloth(canvas, x => 120 + x / 10));

        Assert.False(PictureRegions.BeyondThePage(region, Measure, (Left: false, Top: false, Right: false, Bottom: true)));
    }

    [Fact]
    public void A_picture_that_stands_apart_from_the_edge_or_text_on_the_paper_keeps_the_region()
    {
        var drawing = Region(canvas =>
        {
            Cloth(canvas, _ => 60);
            using var ink = new SKPaint { Color = new SKColor(25, 25, 25), IsAntialias = true };
            canvas.DrawCircle(450, 380, 150, ink);
        });
        var lettered = Region(canvas =>
        {
            Cloth(canvas, _ => 60);
            for (var y = 160; y < 580; y += 60)
            {
                Text(canvas, 30, y, "Договор купли-продажи автомобиля, пункт " + y);
            }
        });

        Assert.False(PictureRegions.BeyondThePage(drawing, Measure, (Left: false, Top: true, Right: false, Bottom: false)));
        Assert.False(PictureRegions.BeyondThePage(lettered, Measure, (Left: false, Top: true, Right: false, Bottom: false)));
    }

    [Fact]
    public void A_photograph_bleeding_off_the_edge_is_still_a_picture_region()
    {
        var photo = Region(canvas => Cloth(canvas, _ => 600));

        Assert.False(PictureRegions.BeyondThePage(photo, Measure, (Left: true, Top: true, Right: false, Bottom: false)));
    }
}
