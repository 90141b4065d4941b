using System.Globalization;
using System.Text.Json;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// How sure the OCR engine was of each word it read, from the per-page sidecars of the ocr stage
/// (output/work/ocr/page-NNNN.json). A misreading is likelier where the engine hesitated.
/// </summary>
public sealed class OcrWordConfidence
{
    public static readonly OcrWordConfidence None = new([], []);

    private readonly Dictionary<(int Page, string Word), double> lowest;
    private readonly Dictionary<int, double> pageMeans;

    private OcrWordConfidence(Dictionary<(int Page, string Word), double> lowest, Dictionary<int, double> pageMeans)
    {
        this.lowest = lowest;
        this.pageMeans = pageMeans;
    }

    /// <summary>Reads every sidecar in <paramref name="folder"/>; none (a book that started from Markdown) means no evidence.</summary>
    public static OcrWordConfidence Load(string folder)
    {
        var lowest = new Dictionary<(int, string), double>();
        var pageMeans = new Dictionary<int, double>();
        if (!Directory.Exists(folder))
        {
            return None;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "page-*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            if (!root.TryGetProperty("page", out var pageElement) || !root.TryGetProperty("blocks", out var blocks))
            {
                continue;
            }

            var page = pageElement.GetInt32();
            var (sum, count) = (0.0, 0);
            foreach (var word in blocks.EnumerateArray()
                         .SelectMany(b => b.TryGetProperty("lines", out var lines) ? lines.EnumerateArray() : Enumerable.Empty<JsonElement>())
                         .SelectMany(l => l.TryGetProperty("words", out var words) ? words.EnumerateArray() : Enumerable.Empty<JsonElement>()))
            {
                var text = Normalize(word.GetProperty("text").GetString() ?? string.Empty);
                var confidence = word.GetProperty("confidence").GetDouble();
                sum += confidence;
                count++;
                if (text.Length > 0)
                {
                    var key = (page, text);
                    lowest[key] = lowest.TryGetValue(key, out var seen) ? Math.Min(seen, confidence) : confidence;
                }
            }

            if (count > 0)
            {
                pageMeans[page] = sum / count;
            }
        }

        return new OcrWordConfidence(lowest, pageMeans);
    }

    /// <summary>The engine's lowest confidence (0–100) for this word on this page, or null when it is not known.</summary>
    public double? Of(int? page, string word) =>
        page is { } p && lowest.TryGetValue((p, Normalize(word)), out var confidence) ? confidence : null;

    /// <summary>The engine's mean word confidence (0–100) on the page, or null when it is not known.</summary>
    public double? PageMean(int? page) => page is { } p && pageMeans.TryGetValue(p, out var mean) ? mean : null;

    /// <summary>Words as the sidecar holds them may carry punctuation: keep the letters.</summary>
    private static string Normalize(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLower(CultureInfo.InvariantCulture);
}
