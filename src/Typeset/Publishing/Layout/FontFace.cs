using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;
using HbBlob = HarfBuzzSharp.Blob;
using HbBuffer = HarfBuzzSharp.Buffer;
using HbFace = HarfBuzzSharp.Face;
using HbFont = HarfBuzzSharp.Font;

namespace Typeset.Publishing.Layout;

/// <summary>
/// Glyphs of a shaped piece of text in font units (pen position plus offset per glyph),
/// with the UTF-8 text and clusters so the PDF can map glyphs back to text (ligatures included).
/// <paramref name="MapsByCmap"/>: each glyph is the font's own glyph for one character, in order, and no other character
/// shares it, so the font's character map alone gives the text back and the PDF needs no text spans for it.
/// </summary>
public sealed record ShapedText(ushort[] Glyphs, int[] X, int[] Y, uint[] Clusters, byte[] Utf8, int Advance, int[] Advances, bool MapsByCmap);

/// <summary>
/// One font file: the Skia typeface for drawing and a HarfBuzz font for shaping. Shaping is cached per string,
/// in font units, so every size reuses it. Shaping and measuring are thread-safe (HarfBuzz fonts are immutable once
/// set up, the cache is concurrent). The Skia fonts are only read once made (text blobs copy them), so parts of a book can be
/// drawn on several threads.
/// </summary>
public sealed class FontFace : IDisposable
{
    private readonly HbBlob blob;
    private readonly HbFace face;
    private readonly HbFont font;
    private readonly ConcurrentDictionary<string, ShapedText> shaped = new(StringComparer.Ordinal);
    private readonly Dictionary<(float Size, float ScaleX), SKFont> skiaFonts = [];
    private readonly Lazy<HashSet<uint>> sharedGlyphs;
    private readonly ConcurrentDictionary<(string Text, double Size, WordHyphenation? Hyphenation), LineItem[]> wordItems = new();

    public FontFace(string path)
    {
        Typeface = SKTypeface.FromFile(path) ?? throw new FontNotFoundException($"cannot load font file '{path}'");
        blob = HbBlob.FromFile(path);
        face = new HbFace(blob, 0);
        font = new HbFont(face);
        UnitsPerEm = face.UnitsPerEm;
        font.SetScale(UnitsPerEm, UnitsPerEm);
        sharedGlyphs = new Lazy<HashSet<uint>>(FindSharedGlyphs);
    }

    public SKTypeface Typeface { get; }

    public int UnitsPerEm { get; }

    public ShapedText Shape(string text)
    {
        return shaped.TryGetValue(text, out var result) ? result : shaped.GetOrAdd(text, ShapeUncached(text));
    }

    public double Measure(string text, double size) => Shape(text).Advance * size / UnitsPerEm;

    /// <summary>
    /// The boxes and hyphenation penalties of a word fragment set in this face at <paramref name="size"/>, made once by
    /// <paramref name="make"/> and shared by every paragraph that repeats it (items are immutable). A book of 900,000
    /// characters has about 150,000 words but a fraction as many distinct ones, so most words cost one lookup.
    /// </summary>
    public bool TryGetWordItems(string text, double size, WordHyphenation? hyphenation, out LineItem[] items) =>
        wordItems.TryGetValue((text, size, hyphenation), out items!);

    /// <summary>Keeps <paramref name="items"/> for the word unless another thread was first; the kept ones.</summary>
    public LineItem[] AddWordItems(string text, double size, WordHyphenation? hyphenation, LineItem[] items) =>
        wordItems.GetOrAdd((text, size, hyphenation), items);

    /// <summary>
    /// Widths of the pieces of <paramref name="text"/> cut at <paramref name="cuts"/> (ascending char offsets), from one
    /// shaping of the whole text, so kerning and ligatures inside the word count exactly as they will be drawn.
    /// </summary>
    public double[] MeasurePieces(string text, IReadOnlyList<int> cuts, double size)
    {
        var shapedText = Shape(text);
        var byteCuts = new int[cuts.Count];
        for (var k = 0; k < cuts.Count; k++)
        {
            byteCuts[k] = Encoding.UTF8.GetByteCount(text.AsSpan(0, cuts[k]));
        }

        var widths = new double[cuts.Count + 1];
        var scale = size / UnitsPerEm;
        for (var g = 0; g < shapedText.Glyphs.Length; g++)
        {
            var piece = 0;
            while (piece < byteCuts.Length && shapedText.Clusters[g] >= byteCuts[piece])
            {
                piece++;
            }

            widths[piece] += shapedText.Advances[g] * scale;
        }

        return widths;
    }

    /// <summary>
    /// A Skia font with unhinted, unrounded metrics so drawn glyphs sit where HarfBuzz placed them; glyph shapes are
    /// widened by <paramref name="scaleX"/>, kept to steps of 0.25 % so a book needs few font objects.
    /// </summary>
    public SKFont SkiaFont(double size, double scaleX = 1)
    {
        var key = ((float)size, (float)(Math.Round(scaleX * 400) / 400));
        SKFont? skiaFont;
        lock (skiaFonts)
        {
            if (!skiaFonts.TryGetValue(key, out skiaFont))
            {
                skiaFont = new SKFont(Typeface, key.Item1, key.Item2)
                {
                    Subpixel = true,
                    LinearMetrics = true,
                    Hinting = SKFontHinting.None,
                };
                skiaFonts.Add(key, skiaFont);
            }
        }

        return skiaFont;
    }

    private ShapedText ShapeUncached(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new HbBuffer();
        buffer.AddUtf8(utf8);
        buffer.GuessSegmentProperties();
        font.Shape(buffer);

        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new ushort[infos.Length];
        var x = new int[infos.Length];
        var y = new int[infos.Length];
        var clusters = new uint[infos.Length];
        var advances = new int[infos.Length];
        var pen = 0;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = infos[i].Cluster;
            x[i] = pen + positions[i].XOffset;
            y[i] = positions[i].YOffset;
            advances[i] = positions[i].XAdvance;
            pen += positions[i].XAdvance;
        }

        return new ShapedText(glyphs, x, y, clusters, utf8, pen, advances, MapsByCmap(text, glyphs));
    }

    private bool MapsByCmap(string text, ushort[] glyphs)
    {
        var g = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (g == glyphs.Length || !font.TryGetNominalGlyph(rune.Value, out var nominal) || nominal != glyphs[g]
                || sharedGlyphs.Value.Contains(nominal))
            {
                return false;
            }

            g++;
        }

        return g == glyphs.Length;
    }

    /// <summary>Glyphs that more than one character of the Basic Multilingual Plane maps to (a PDF reader would pick one).</summary>
    private HashSet<uint> FindSharedGlyphs()
    {
        var seen = new HashSet<uint>();
        var shared = new HashSet<uint>();
        for (var codePoint = 0; codePoint <= 0xFFFF; codePoint++)
        {
            if (!char.IsSurrogate((char)codePoint) && font.TryGetNominalGlyph(codePoint, out var glyph) && !seen.Add(glyph))
            {
                shared.Add(glyph);
            }
        }

        return shared;
    }

    public void Dispose()
    {
        foreach (var skiaFont in skiaFonts.Values)
        {
            skiaFont.Dispose();
        }

        font.Dispose();
        face.Dispose();
        blob.Dispose();
        Typeface.Dispose();
    }
}
