using SkiaSharp;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Epub;

/// <summary>
/// Draws a plain typographic cover from the book's metadata, for books without a cover image: author at the top,
/// the title large in the middle with the subtitle under a short rule, publisher, city and year at the foot, inside
/// a thin double frame on warm paper. Each text is wrapped and shrunk until it fits its width and line budget.
/// </summary>
internal static class CoverRenderer
{
    public const int Width = 1600;
    public const int Height = 2400;
    private const int JpegQuality = 90;
    private const float TextWidth = Width - 2 * 260f;

    private static readonly SKColor Paper = new(0xF3, 0xEE, 0xE4);
    private static readonly SKColor Ink = new(0x1F, 0x2A, 0x36);
    private static readonly SKColor Accent = new(0x7A, 0x2E, 0x2A);
    private static readonly SKColor Muted = new(0x4A, 0x4F, 0x55);

    /// <summary>The cover as JPEG bytes. Throws <see cref="FontNotFoundException"/> when PT Serif or PT Sans is missing.</summary>
    public static byte[] Render(BookMeta meta, FontResolver fonts)
    {
        using var serifBold = Typeface(fonts, "PT Serif", FontVariant.Bold);
        using var serifItalic = Typeface(fonts, "PT Serif", FontVariant.Italic);
        using var sans = Typeface(fonts, "PT Sans", FontVariant.Regular);

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        DrawFrame(canvas);

        var author = Clean(meta.Author).ToUpperInvariant();
        if (author.Length > 0)
        {
            var lines = Fit(author, sans, maxSize: 64, minSize: 36, maxLines: 2);
            DrawLines(canvas, lines, sans, Muted, top: 330);
        }

        var title = Clean(meta.Title);
        var titleLines = Fit(title.Length > 0 ? title : ChapterPlan.TitleOf(meta), serifBold, maxSize: 150, minSize: 56, maxLines: 7);
        var subtitle = Clean(meta.Subtitle);
        var subtitleLines = subtitle.Length > 0 ? Fit(subtitle, serifItalic, maxSize: 70, minSize: 40, maxLines: 3) : null;

        // Title, rule and subtitle form one group centred a little above the middle, as on a title page.
        const float ruleGap = 70;
        var groupHeight = titleLines.Height + (subtitleLines is null ? 0 : 2 * ruleGap + subtitleLines.Height);
        var top = 1080 - groupHeight / 2;
        DrawLines(canvas, titleLines, serifBold, Ink, top);
        if (subtitleLines is not null)
        {
            var ruleY = top + titleLines.Height + ruleGap;
            using var rule = new SKPaint { Color = Accent, StrokeWidth = 4, IsAntialias = true, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(Width / 2f - 90, ruleY, Width / 2f + 90, ruleY, rule);
            DrawLines(canvas, subtitleLines, serifItalic, Ink, ruleY + ruleGap);
        }

        var imprint = string.Join(" · ", new[] { Clean(meta.City), meta.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty }.Where(part => part.Length > 0));
        var foot = new[] { Clean(meta.Publisher), imprint }.Where(line => line.Length > 0).ToList();
        var footTop = 2110f;
        foreach (var line in foot.AsEnumerable().Reverse())
        {
            var lines = Fit(line, sans, maxSize: 52, minSize: 32, maxLines: 2);
            footTop -= lines.Height + 14;
            DrawLines(canvas, lines, sans, Muted, footTop);
        }

        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return jpeg.ToArray();
    }

    /// <summary>Lines of one text at one size; <see cref="Height"/> is their total height at 1.2 line spacing.</summary>
    private sealed record FittedLines(IReadOnlyList<string> Lines, float Size)
    {
        public float LineHeight => Size * 1.2f;

        public float Height => Lines.Count * LineHeight;
    }

    private static SKTypeface Typeface(FontResolver fonts, string family, FontVariant variant) =>
        SKTypeface.FromFile(fonts.Resolve(family, variant)) ?? throw new FontNotFoundException($"font '{family}' could not be read");

    private static string Clean(string? text) => XmlText.CollapseWhitespace(text ?? string.Empty);

    private static void DrawFrame(SKCanvas canvas)
    {
        using var outer = new SKPaint { Color = Accent, StrokeWidth = 6, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var inner = new SKPaint { Color = Accent, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(SKRect.Create(110, 110, Width - 220, Height - 220), outer);
        canvas.DrawRect(SKRect.Create(134, 134, Width - 268, Height - 268), inner);
    }

    /// <summary>The largest size from <paramref name="maxSize"/> down at which the text wraps into at most <paramref name="maxLines"/> lines.</summary>
    private static FittedLines Fit(string text, SKTypeface typeface, float maxSize, float minSize, int maxLines)
    {
        for (var size = maxSize; ; size = Math.Max(minSize, size * 0.92f))
        {
            using var font = Font(typeface, size);
            var lines = Wrap(text, font, TextWidth);
            var fits = lines.Count <= maxLines && lines.All(line => font.MeasureText(line) <= TextWidth);
            if (fits)
            {
                return new FittedLines(Balance(text, font, lines), size);
            }

            if (size <= minSize)
            {
                // At the smallest size, a text still too long is cut with an ellipsis rather than run off the cover.
                return new FittedLines(Truncate(lines, maxLines, font), size);
            }
        }
    }

    /// <summary>
    /// The same number of lines at the narrowest width that still gives it, so a title breaks into even lines
    /// ("Последняя битва / Второй мировой") instead of leaving one word alone on the last.
    /// </summary>
    private static List<string> Balance(string text, SKFont font, List<string> lines)
    {
        if (lines.Count < 2)
        {
            return lines;
        }

        var best = lines;
        var (narrow, wide) = (TextWidth / lines.Count, TextWidth);
        while (wide - narrow > 2)
        {
            var middle = (narrow + wide) / 2;
            var candidate = Wrap(text, font, middle);
            if (candidate.Count == lines.Count && candidate.All(line => font.MeasureText(line) <= middle))
            {
                (best, wide) = (candidate, middle);
            }
            else
            {
                narrow = middle;
            }
        }

        return best;
    }

    /// <summary>Greedy wrapping at spaces; no-break spaces keep their words together as the typography stage meant.</summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static List<string> Truncate(List<string> lines, int maxLines, SKFont font)
    {
        var kept = lines.Take(maxLines).ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            var tooMany = i == maxLines - 1 && lines.Count > maxLines;
            if (!tooMany && font.MeasureText(kept[i]) <= TextWidth)
            {
                continue;
            }

            var line = kept[i];
            while (line.Length > 1 && font.MeasureText(line + "…") > TextWidth)
            {
                line = line[..^1];
            }

            kept[i] = line.TrimEnd() + "…";
        }

        return kept;
    }

    private static void DrawLines(SKCanvas canvas, FittedLines fitted, SKTypeface typeface, SKColor colour, float top)
    {
        using var font = Font(typeface, fitted.Size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        for (var i = 0; i < fitted.Lines.Count; i++)
        {
            // Baseline at about 0.95 em into the line box, so the block's top edge sits near the caps' top.
            var baseline = top + i * fitted.LineHeight + fitted.Size * 0.95f;
            canvas.DrawText(fitted.Lines[i], Width / 2f, baseline, SKTextAlign.Center, font, paint);
        }
    }

    private static SKFont Font(SKTypeface typeface, float size) => new(typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
        Hinting = SKFontHinting.None,
    };
}
