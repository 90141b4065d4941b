using System.Globalization;
using System.Text.Json;

namespace Typeset.Ocr;

/// <summary>
/// The recogniser's own rival readings of each word, from the ocr stage's sidecars (work/ocr/page-NNNN.json): for every
/// symbol Tesseract's LSTM hesitated over, the other symbols it considered and their confidences. A correction the
/// recogniser itself considered (<c>аитомобиля</c> → <c>автомобиля</c>, with <c>в</c> among the rivals of <c>и</c>) is far
/// likelier right than one it never saw. Only substitutions are represented: the recogniser's alternatives are per
/// symbol, so a candidate of another length was not considered.
/// </summary>
public sealed class OcrAlternatives
{
    public static readonly OcrAlternatives None = new([]);

    private readonly Dictionary<(int Page, string Word), List<Reading>> readings;

    private OcrAlternatives(Dictionary<(int, string), List<Reading>> readings) => this.readings = readings;

    /// <summary>One reading of a word: its text elements, and for some of them the rival symbols with their confidence (0–100).</summary>
    public sealed record Reading(int Page, string Word, IReadOnlyList<string> Symbols, IReadOnlyDictionary<int, IReadOnlyList<(string Text, double Confidence)>> Rivals);

    /// <summary>
    /// Reads every sidecar in <paramref name="workFolder"/> (output/work/ocr). A missing folder (a book that started from
    /// Markdown) gives <see cref="None"/>; an unreadable sidecar is skipped.
    /// </summary>
    public static OcrAlternatives Load(string workFolder)
    {
        if (!Directory.Exists(workFolder))
        {
            return None;
        }

        var readings = new Dictionary<(int, string), List<Reading>>();
        foreach (var file in Directory.EnumerateFiles(workFolder, "page-*.json"))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                Read(document.RootElement, readings);
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException)
            {
                // A damaged sidecar only costs its page's evidence.
            }
        }

        return new OcrAlternatives(readings);
    }

    /// <summary>The readings of <paramref name="word"/> (punctuation around it ignored) on <paramref name="page"/>, or on any page when null.</summary>
    public IEnumerable<Reading> Of(int? page, string word)
    {
        var key = Trim(word);
        return page is { } p
            ? readings.TryGetValue((p, key), out var found) ? found : []
            : readings.Where(r => r.Key.Word == key).SelectMany(r => r.Value);
    }

    /// <summary>
    /// How strongly the recogniser considered <paramref name="candidate"/> where it read <paramref name="word"/>: the lowest
    /// confidence among the rivals the candidate needs (100 when it is what was read), or null when some symbol of the
    /// candidate was never among the rivals of the symbol at its place.
    /// </summary>
    public double? Considered(int? page, string word, string candidate)
    {
        var wanted = Elements(Trim(candidate));
        double? best = null;
        foreach (var reading in Of(page, word))
        {
            if (wanted.Count != reading.Symbols.Count)
            {
                continue;
            }

            var weakest = 100.0;
            for (var i = 0; i < wanted.Count && weakest > 0; i++)
            {
                if (wanted[i] == reading.Symbols[i])
                {
                    continue;
                }

                var rival = reading.Rivals.TryGetValue(i, out var rivals) ? rivals.FirstOrDefault(r => r.Text == wanted[i]) : default;
                weakest = rival.Text is null ? 0 : Math.Min(weakest, rival.Confidence);
            }

            if (weakest > 0 && (best is null || weakest > best))
            {
                best = weakest;
            }
        }

        return best;
    }

    private static void Read(JsonElement root, Dictionary<(int, string), List<Reading>> readings)
    {
        var page = root.GetProperty("page").GetInt32();
        foreach (var word in root.GetProperty("blocks").EnumerateArray()
                     .SelectMany(b => b.TryGetProperty("lines", out var lines) ? lines.EnumerateArray() : Enumerable.Empty<JsonElement>())
                     .SelectMany(l => l.TryGetProperty("words", out var words) ? words.EnumerateArray() : Enumerable.Empty<JsonElement>()))
        {
            if (!word.TryGetProperty("alternatives", out var alternatives) || alternatives.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var text = word.GetProperty("text").GetString() ?? string.Empty;
            var symbols = Elements(text);
            var (start, end) = TrimmedRange(symbols);
            var rivals = new Dictionary<int, IReadOnlyList<(string, double)>>();
            var consistent = true;
            foreach (var alternative in alternatives.EnumerateArray())
            {
                var at = alternative.GetProperty("at").GetInt32();
                if (at < 0 || at >= symbols.Count || symbols[at] != alternative.GetProperty("chosen").GetString())
                {
                    consistent = false;
                    break;
                }

                if (at >= start && at < end)
                {
                    rivals[at - start] = alternative.GetProperty("others").EnumerateArray()
                        .Select(o => (o.GetProperty("text").GetString() ?? string.Empty, o.GetProperty("confidence").GetDouble())).ToList();
                }
            }

            if (!consistent || end <= start)
            {
                continue;
            }

            var trimmed = symbols.Skip(start).Take(end - start).ToList();
            var key = (page, string.Concat(trimmed));
            if (!readings.TryGetValue(key, out var list))
            {
                readings[key] = list = [];
            }

            list.Add(new Reading(page, key.Item2, trimmed, rivals));
        }
    }

    /// <summary>The word's text elements (Tesseract's symbols are whole characters, combining marks with their letter).</summary>
    private static List<string> Elements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    private static (int Start, int End) TrimmedRange(List<string> symbols)
    {
        var (start, end) = (0, symbols.Count);
        while (start < end && !char.IsLetterOrDigit(symbols[start][0]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(symbols[end - 1][0]))
        {
            end--;
        }

        return (start, end);
    }

    private static string Trim(string word)
    {
        var elements = Elements(word);
        var (start, end) = TrimmedRange(elements);
        return string.Concat(elements.Skip(start).Take(end - start));
    }
}
