using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// The words of each scanned page with their boxes, from the OCR sidecars (output/work/ocr/page-NNNN.json), and where
/// an edit's words stand on the scan: the review page crops the scan to those words, the line above and the line
/// below, and marks them. The edit's words (the change and the words around it) are aligned to the OCR's words of its
/// paragraph, so the words cleanup changed (a joined hyphenation, a corrected letter) still find their place.
/// </summary>
public sealed class ScanWords(string ocrWorkFolder)
{
    /// <summary>A crop at least this wide (scan pixels), so the words are seen in their line; a 300 dpi line is ~1,300.</summary>
    private const int MinCropWidth = 900;

    /// <summary>Marks cover at most this many lines (a whole caption replaced): the crop stays a crop.</summary>
    private const int MaxMarkedLines = 4;

    private readonly ConcurrentDictionary<int, PageWords?> pages = new();

    /// <summary>True when at least one sidecar exists (the book came from scans).</summary>
    public bool Any => Directory.Exists(ocrWorkFolder) && Directory.EnumerateFiles(ocrWorkFolder, "page-*.json").Any();

    /// <summary>
    /// The crop for an edit whose text is <paramref name="contextBefore"/> + <paramref name="before"/> +
    /// <paramref name="contextAfter"/>, searched among the words inside <paramref name="sources"/> (the boxes of the
    /// paragraph's source blocks; a block without a box means its whole page). Null when the words are not found.
    /// </summary>
    public WordCrop? Locate(IReadOnlyList<SourceRef> sources, string contextBefore, string before, string contextAfter)
    {
        var words = new List<PlacedWord>();
        foreach (var source in sources)
        {
            if (Page(source.Page) is { } sourcePage)
            {
                words.AddRange(sourcePage.Words.Where(w => source.Box is not { } box || Inside(w.Box, box)));
            }
        }

        var left = Tokens(contextBefore);
        var change = Tokens(before);
        var right = Tokens(contextAfter);
        var tokens = left.Concat(change).Concat(right).ToList();
        if (words.Count == 0 || tokens.Count == 0)
        {
            return null;
        }

        var aligned = Align(tokens, words);
        // The change's own words, or — for a change of spaces and punctuation — the words on either side of it.
        var targets = change.Count > 0
            ? Enumerable.Range(left.Count, change.Count)
            : new[] { left.Count - 1, left.Count }.Where(i => i >= 0 && i < tokens.Count);
        var marked = targets.Select(i => aligned[i]).Where(i => i >= 0).Distinct().Select(i => words[i]).ToList();
        var found = aligned.Count(i => i >= 0);
        if (marked.Count == 0 || found < Math.Max(1, (tokens.Count + 1) / 2))
        {
            return null;
        }

        var page = Page(marked[0].Page)!;
        marked = marked.Where(w => w.Page == page.Number).ToList();
        var lines = marked.Select(w => w.Line).Distinct().Order().Take(MaxMarkedLines).ToList();
        marked = marked.Where(w => lines.Contains(w.Line)).ToList();
        return Crop(page, marked, lines);
    }

    private static WordCrop Crop(PageWords page, List<PlacedWord> marked, List<int> lines)
    {
        var shown = lines.Select(i => page.Lines[i]).ToList();
        if (Neighbour(page, shown, above: true) is { } above)
        {
            shown.Add(above);
        }

        if (Neighbour(page, shown, above: false) is { } below)
        {
            shown.Add(below);
        }

        var top = shown.Min(l => l.Y);
        var bottom = shown.Max(l => l.Y + l.Height);
        var lineLeft = shown.Min(l => l.X);
        var lineRight = shown.Max(l => l.X + l.Width);
        var wordsLeft = marked.Min(w => w.Box.X);
        var wordsRight = marked.Max(w => w.Box.X + w.Box.Width);
        var width = Math.Min(lineRight - lineLeft, Math.Max(MinCropWidth, wordsRight - wordsLeft + 200));
        var x = Math.Clamp((wordsLeft + wordsRight) / 2 - width / 2, lineLeft, Math.Max(lineLeft, lineRight - width));
        const int margin = 12;
        var cropX = Math.Max(0, x - margin);
        var cropY = Math.Max(0, top - margin);
        var cropRight = Math.Min(page.Width, x + width + margin);
        var cropBottom = Math.Min(page.Height, bottom + margin);
        return new WordCrop(page.Number, cropX, cropY, cropRight - cropX, cropBottom - cropY,
            marked.Select(w => new PixelBox(w.Box.X, w.Box.Y, w.Box.Width, w.Box.Height)).ToList());
    }

    /// <summary>The nearest line above (or below) the shown ones that overlaps them across the page: the same column.</summary>
    private static PixelBox? Neighbour(PageWords page, List<PixelBox> shown, bool above)
    {
        var left = shown.Min(l => l.X);
        var right = shown.Max(l => l.X + l.Width);
        var top = shown.Min(l => l.Y);
        var bottom = shown.Max(l => l.Y + l.Height);
        var candidates = page.Lines.Where(l => l.X < right && l.X + l.Width > left && (above ? l.Y + l.Height <= top + 2 : l.Y >= bottom - 2));
        return above ? candidates.MaxBy(l => l.Y + l.Height) : candidates.MinBy(l => l.Y);
    }

    private static bool Inside(PixelBox word, PixelBox block)
    {
        var cx = word.X + word.Width / 2;
        var cy = word.Y + word.Height / 2;
        return cx >= block.X - 4 && cx <= block.X + block.Width + 4 && cy >= block.Y - 4 && cy <= block.Y + block.Height + 4;
    }

    /// <summary>
    /// Local alignment (Smith–Waterman) of the edit's tokens to the page's words, a token matching a word as far as their
    /// spelling agrees; returns for each token the index of its word, or -1.
    /// </summary>
    private static int[] Align(List<string> tokens, List<PlacedWord> words)
    {
        const double gap = -0.6;
        var n = tokens.Count;
        var m = words.Count;
        var score = new double[n + 1, m + 1];
        var bestScore = 0.0;
        var (bestI, bestJ) = (0, 0);
        var similarity = new Dictionary<(int, int), double>();
        double Match(int i, int j)
        {
            if (!similarity.TryGetValue((i, j), out var s))
            {
                var (a, b) = (tokens[i], words[j].Token);
                s = a == b ? 1 : Math.Abs(a.Length - b.Length) > Math.Max(a.Length, b.Length) / 2 ? 0 : EditorDecisions.Similarity(a, b);
                similarity[(i, j)] = s;
            }

            return s >= 0.5 ? 2 * s - 1 : -1;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var value = Math.Max(0, Math.Max(score[i - 1, j - 1] + Match(i - 1, j - 1), Math.Max(score[i - 1, j] + gap, score[i, j - 1] + gap)));
                score[i, j] = value;
                if (value > bestScore)
                {
                    (bestScore, bestI, bestJ) = (value, i, j);
                }
            }
        }

        var aligned = Enumerable.Repeat(-1, n).ToArray();
        var (x, y) = (bestI, bestJ);
        while (x > 0 && y > 0 && score[x, y] > 0)
        {
            if (Math.Abs(score[x, y] - (score[x - 1, y - 1] + Match(x - 1, y - 1))) < 1e-9 && Match(x - 1, y - 1) > 0)
            {
                aligned[x - 1] = y - 1;
                (x, y) = (x - 1, y - 1);
            }
            else if (Math.Abs(score[x, y] - (score[x - 1, y] + gap)) < 1e-9)
            {
                x--;
            }
            else
            {
                y--;
            }
        }

        return aligned;
    }

    /// <summary>Lower-case letters and digits of each white-space separated word; words without any are skipped.</summary>
    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var builder = new StringBuilder();
        foreach (var part in text.Replace("<sup>", " ", StringComparison.Ordinal).Replace("</sup>", " ", StringComparison.Ordinal)
                     .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Clear();
            foreach (var c in part)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            if (builder.Length > 0)
            {
                tokens.Add(builder.ToString());
            }
        }

        return tokens;
    }

    private PageWords? Page(int number) => pages.GetOrAdd(number, Load);

    private PageWords? Load(int number)
    {
        var path = Path.Combine(ocrWorkFolder, string.Create(CultureInfo.InvariantCulture, $"page-{number:0000}.json"));
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var sidecar = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path), SidecarJson);
            if (sidecar?.Blocks is null)
            {
                return null;
            }

            var lines = new List<PixelBox>();
            var words = new List<PlacedWord>();
            foreach (var line in sidecar.Blocks.SelectMany(b => b.Lines ?? []))
            {
                if (line.Box is null)
                {
                    continue;
                }

                lines.Add(line.Box.ToPixelBox());
                foreach (var word in line.Words ?? [])
                {
                    if (word.Box is not null && Tokens(word.Text ?? string.Empty) is [var token, ..])
                    {
                        words.Add(new PlacedWord(number, lines.Count - 1, token, word.Box.ToPixelBox()));
                    }
                }
            }

            return new PageWords(number, sidecar.Width, sidecar.Height, lines, words);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // a damaged sidecar only costs the crops of its page
        }
    }

    private static readonly JsonSerializerOptions SidecarJson = new() { PropertyNameCaseInsensitive = true };

    private sealed record PageWords(int Number, int Width, int Height, List<PixelBox> Lines, List<PlacedWord> Words);

    private sealed record PlacedWord(int Page, int Line, string Token, PixelBox Box);

    private sealed record Sidecar(int Page, int Width, int Height, List<SidecarBlock>? Blocks);

    private sealed record SidecarBlock(List<SidecarLine>? Lines);

    private sealed record SidecarLine(SidecarBox? Box, List<SidecarWord>? Words);

    private sealed record SidecarWord(string? Text, SidecarBox? Box);

    private sealed record SidecarBox(int X, int Y, int Width, int Height)
    {
        public PixelBox ToPixelBox() => new(X, Y, Width, Height);
    }
}

/// <summary>A crop of a scan page (scan pixels) and the boxes of the edit's words on it (page pixels too).</summary>
public sealed record WordCrop(int Page, int X, int Y, int Width, int Height, IReadOnlyList<PixelBox> Marks);
