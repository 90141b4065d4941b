using Typeset.Interop.Hunspell;

namespace Typeset.Cleanup.Spelling;

/// <summary>A dictionary word OCR may have misread as the seen word, with the error model's cost of that misreading.</summary>
public sealed record Candidate(string Word, double Cost);

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
        "в", "к", "с", "у", "о", "и", "а", "на", "по", "за", "до", "от", "из", "об", "не", "но", "во", "ко", "со",
    };

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

            found.Add(new Candidate(MatchCase(word, edit), model.Distance(lower, edit)));
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
