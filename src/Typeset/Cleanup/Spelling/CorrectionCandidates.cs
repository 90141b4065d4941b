using Typeset.Interop.Hunspell;

namespace Typeset.Cleanup.Spelling;

/// <summary>A dictionary word OCR may have misread as the seen word, with the error model's cost of that misreading.</summary>
public sealed record Candidate(string Word, double Cost);

/// <summary>The correction to propose: the best candidate, how sure it is, and why.</summary>
public sealed record Correction(string Word, double Cost, double Confidence, string Reason);

/// <summary>
/// Finds the dictionary words one OCR error away from an unknown word — a dropped, added, doubled, swapped or confused
/// letter, a lost or added space — by generating them and asking Hunspell's fast <c>spell</c> (its <c>suggest</c> is
/// 20–110 ms a word, far too slow for a book), then ranks them with the <see cref="OcrErrorModel"/>.
/// </summary>
public sealed class CorrectionCandidates(HunspellDictionary dictionary, OcrErrorModel model)
{
    private const string Alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

    /// <summary>Short words OCR glues to the next one ("ввойну"): a split is only tried after one of these.</summary>
    private static readonly HashSet<string> GluedShortWords = new(StringComparer.Ordinal)
    {
        "в", "к", "с", "у", "о", "и", "а", "на", "по", "за", "до", "от", "из", "не", "но", "во", "ко", "со",
    };

    /// <summary>
    /// The single best candidate within <paramref name="maximumCost"/> (forms the book uses count cheaper); its confidence
    /// falls with the misreading's cost, and a close rival makes it a suggestion.
    /// </summary>
    public Correction? Best(string word, BookVocabulary vocabulary, double maximumCost)
    {
        // The book's own words are likelier readings, the more so the more often it uses them (for a split, its content
        // word: "в истории" is as likely as "истории"); ё and е spell one word.
        var ranked = For(word)
            .Select(c => c with { Cost = c.Cost - BookBonus(vocabulary.WordCount(c.Word.Split(' ')[^1])) })
            .OrderBy(c => c.Cost)
            .DistinctBy(c => c.Word.Replace('ё', 'е'))
            .ToList();
        if (ranked.Count == 0 || ranked[0].Cost > maximumCost)
        {
            return null;
        }

        var best = ranked[0];
        var confidence = 0.98 - (0.1 * Math.Max(0, best.Cost));
        var reason = $"\"{word}\" is not in the dictionary; \"{best.Word}\" is one OCR error away (cost {best.Cost:0.0#})";
        if (ranked.Count > 1 && ranked[1].Cost - best.Cost < 0.25)
        {
            confidence = Math.Min(confidence, 0.7);
            reason += $"; also possible: {string.Join(", ", ranked.Skip(1).TakeWhile(c => c.Cost - best.Cost < 0.25).Take(3).Select(c => c.Word))}";
        }

        return new Correction(best.Word, best.Cost, confidence, reason);
    }

    private static double BookBonus(int count) => count == 0 ? 0 : Math.Min(0.4, 0.15 + (0.05 * count));

    public IReadOnlyList<Candidate> For(string word)
    {
        var lower = word.ToLowerInvariant();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Candidate>();
        foreach (var edit in SingleEdits(lower))
        {
            if (edit.Length == 0 || !seen.Add(edit) || !IsKnown(edit))
            {
                continue;
            }

            found.Add(new Candidate(MatchCase(word, edit), model.Distance(lower, edit) + model.SplitCost(edit)));
        }

        found.Sort((a, b) => a.Cost.CompareTo(b.Cost));
        return found;
    }

    private bool IsKnown(string candidate) =>
        candidate.Contains(' ', StringComparison.Ordinal)
            ? candidate.Split(' ').All(part => part.Length > 0 && dictionary.Spell(part))
            : dictionary.Spell(candidate);

    private static IEnumerable<string> SingleEdits(string word)
    {
        for (var i = 0; i <= word.Length; i++)
        {
            var left = word[..i];
            var right = word[i..];
            if (right.Length > 0)
            {
                yield return left + right[1..];
                foreach (var letter in Alphabet)
                {
                    if (letter != right[0])
                    {
                        yield return left + letter + right[1..];
                    }
                }
            }

            if (right.Length > 1)
            {
                yield return left + right[1] + right[0] + right[2..];
            }

            foreach (var letter in Alphabet)
            {
                yield return left + letter + right;
            }

            if (i > 0 && i < word.Length && GluedShortWords.Contains(left))
            {
                yield return left + " " + right;
            }
        }
    }

    /// <summary>Keeps the seen word's capital first letter.</summary>
    private static string MatchCase(string original, string candidate) =>
        original.Length > 0 && char.IsUpper(original[0]) ? char.ToUpperInvariant(candidate[0]) + candidate[1..] : candidate;
}
