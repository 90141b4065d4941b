using System.Text.RegularExpressions;
using Typeset.Morphology;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Real-word OCR errors found by grammar: a dictionary word that cannot stand where it stands, with a word one cheap OCR
/// misreading away that can. Two patterns, both where Russian is strict: a preposition governs the case of the noun,
/// adjective or pronoun right after it (к дому, не к дома), and a number governs the form of the noun after it (5 столов,
/// 2 стола). Only a word none of whose readings fits is questioned; the repair must be the only fitting candidate.
/// </summary>
public sealed partial class Agreement(Lexicon lexicon, OcrErrorModel model)
{
    /// <summary>Only misreadings at most this costly are believed to turn one real word into another.</summary>
    private const double MaximumCost = 0.5;

    private static readonly GrammemeSet Inflected = GrammemeSet.Of(Grammeme.Noun, Grammeme.Adjf, Grammeme.Prtf, Grammeme.Npro);

    /// <summary>The cases each preposition governs (Розенталь); other prepositions are not checked.</summary>
    private static readonly Dictionary<string, GrammemeSet> Government = new(StringComparer.OrdinalIgnoreCase)
    {
        ["к"] = Cases(Grammeme.Datv), ["ко"] = Cases(Grammeme.Datv),
        ["из"] = Cases(Grammeme.Gent), ["изо"] = Cases(Grammeme.Gent), ["от"] = Cases(Grammeme.Gent), ["ото"] = Cases(Grammeme.Gent),
        ["до"] = Cases(Grammeme.Gent), ["без"] = Cases(Grammeme.Gent), ["для"] = Cases(Grammeme.Gent), ["у"] = Cases(Grammeme.Gent),
        ["из-за"] = Cases(Grammeme.Gent), ["из-под"] = Cases(Grammeme.Gent), ["возле"] = Cases(Grammeme.Gent), ["около"] = Cases(Grammeme.Gent),
        ["при"] = Cases(Grammeme.Loct), ["через"] = Cases(Grammeme.Accs), ["про"] = Cases(Grammeme.Accs), ["сквозь"] = Cases(Grammeme.Accs),
        ["над"] = Cases(Grammeme.Ablt), ["надо"] = Cases(Grammeme.Ablt), ["перед"] = Cases(Grammeme.Ablt), ["передо"] = Cases(Grammeme.Ablt),
        ["между"] = Cases(Grammeme.Ablt, Grammeme.Gent),
        ["в"] = Cases(Grammeme.Accs, Grammeme.Loct), ["во"] = Cases(Grammeme.Accs, Grammeme.Loct),
        ["на"] = Cases(Grammeme.Accs, Grammeme.Loct), ["о"] = Cases(Grammeme.Accs, Grammeme.Loct), ["об"] = Cases(Grammeme.Accs, Grammeme.Loct),
        ["за"] = Cases(Grammeme.Accs, Grammeme.Ablt), ["под"] = Cases(Grammeme.Accs, Grammeme.Ablt),
        ["с"] = Cases(Grammeme.Gent, Grammeme.Ablt, Grammeme.Accs), ["со"] = Cases(Grammeme.Gent, Grammeme.Ablt, Grammeme.Accs),
        ["по"] = Cases(Grammeme.Datv, Grammeme.Loct, Grammeme.Accs),
    };

    /// <summary>The cases a preposition governs, or null when it is not one of the checked prepositions.</summary>
    public static GrammemeSet? Governs(string preposition) => Government.TryGetValue(preposition, out var cases) ? cases : null;

    /// <summary>A word with no reading governed by what stands before it, and the one candidate that has one.</summary>
    public sealed record Finding(int Start, string Word, string Repair, double Cost, bool ByNumber, string Reason);

    public IEnumerable<Finding> Find(string text)
    {
        var tokens = TokenPattern().Matches(text).ToList();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var governor = tokens[i];
            var target = tokens[i + 1];
            if (!OnlySpaceBetween(text, governor, target) || !target.Value.All(c => char.IsLetter(c) && char.IsLower(c)))
            {
                continue;
            }

            Func<WordParse, bool>? fits = null;
            string? why = null;
            var byNumber = false;
            if (Government.TryGetValue(governor.Value, out var cases))
            {
                fits = p => p.Tag.Case is { } c && cases.Contains(c.CommonCase());
                why = $"\"{governor.Value}\" governs {Describe(cases)}";
            }
            else if (long.TryParse(governor.Value, out var number) && number is > 0 and < 1000)
            {
                // Years (1945 год) and ordinal use (5 класс) read a number as an ordinal: only suggested, never applied.
                byNumber = true;
                fits = p => p.Tag.PartOfSpeech != Grammeme.Noun || p.Tag.NumeralAgreement(number) is var required && (required.IsEmpty || p.Tag.HasAll(required)) ||
                    (p.Tag.Case is { } c && c is not (Grammeme.Nomn or Grammeme.Accs));
                why = $"a noun after {number} takes the form {number} requires";
            }

            if (fits is null || target.Value.Length < 3 || !lexicon.IsWord(target.Value))
            {
                continue;
            }

            var parses = lexicon.Morphology.Analyze(target.Value);
            // Only a word whose every reading is a declined word (not an adverb, a verb, a short form) can be out of place.
            if (!parses.All(p => p.IsKnown && p.Tag.Grammemes.Overlaps(Inflected)) || parses.Any(fits))
            {
                continue;
            }

            var repairs = Candidates(target.Value)
                .Where(c => lexicon.Morphology.Analyze(c.Word).Any(p => p.IsKnown && p.Tag.Grammemes.Overlaps(Inflected) && fits(p)))
                .ToList();
            var chosen = repairs.Count == 1 ? repairs[0] : repairs.Count > 1 && repairs[1].Cost - repairs[0].Cost >= 0.3 ? repairs[0] : null;
            if (chosen is not null)
            {
                yield return new Finding(target.Index, target.Value, chosen.Word, chosen.Cost, byNumber,
                    $"{why}; no reading of \"{target.Value}\" fits, \"{chosen.Word}\" does and is an OCR misreading away (cost {chosen.Cost:0.0#})");
            }
        }
    }

    /// <summary>Dictionary words one substitution, dropped or added letter away that the error model finds cheap.</summary>
    private IEnumerable<Candidate> Candidates(string word)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { word };
        var found = new List<Candidate>();
        for (var i = 0; i < word.Length; i++)
        {
            foreach (var (meant, cost) in model.ReadingsOf(word[i]))
            {
                var candidate = string.Concat(word.AsSpan(0, i), new string(meant, 1), word.AsSpan(i + 1));
                if (cost <= MaximumCost && seen.Add(candidate) && lexicon.IsCandidate(candidate))
                {
                    found.Add(new Candidate(candidate, cost));
                }
            }
        }

        return found.OrderBy(c => c.Cost);
    }

    private static bool OnlySpaceBetween(string text, Match a, Match b) =>
        text.AsSpan(a.Index + a.Length, b.Index - a.Index - a.Length).Trim(" \u00A0\n").IsEmpty;

    private static GrammemeSet Cases(params ReadOnlySpan<Grammeme> cases) => GrammemeSet.Of(cases);

    private static string Describe(GrammemeSet cases)
    {
        var names = new List<string>();
        foreach (var grammeme in cases)
        {
            names.Add(grammeme.RussianName());
        }

        return string.Join(" or ", names);
    }

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)*|\d+")]
    private static partial Regex TokenPattern();
}
