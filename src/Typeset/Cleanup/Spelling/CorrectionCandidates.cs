using Typeset.Morphology;

namespace Typeset.Cleanup.Spelling;

/// <summary>A dictionary word OCR may have misread as the seen word, with the error model's cost of that misreading.</summary>
public sealed record Candidate(string Word, double Cost);

/// <summary>The correction to propose: the best candidate, how sure it is, and why.</summary>
public sealed record Correction(string Word, double Cost, double Confidence, string Reason);

/// <summary>
/// Finds the dictionary words OCR may have misread as an unknown word — one dropped, added, doubled, swapped or confused
/// letter, a lost space between two words; two edits only when both are misreadings the error model finds cheap — by
/// generating them and checking each against the <see cref="Lexicon"/> (Hunspell's <c>suggest</c> is 20–110 ms a
/// word, far too slow for a book), then ranks them with the <see cref="OcrErrorModel"/>, the book's own words and
/// how common each is. The number of candidates grows linearly with the word's length, and words longer than
/// <see cref="MaximumWordLength"/> get none.
/// </summary>
public sealed class CorrectionCandidates(Lexicon lexicon, OcrErrorModel model)
{
    /// <summary>No Russian word is longer; a longer "word" is a run of glued text or garbage and is left for the editor.</summary>
    public const int MaximumWordLength = 40;

    /// <summary>A rival candidate closer than this to the best one makes the correction a suggestion.</summary>
    private const double RivalMargin = 0.25;

    /// <summary>A second edit is only tried with a substitution at most this costly.</summary>
    private const double CheapSubstitution = 0.45;

    private const string Alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

    public Lexicon Lexicon => lexicon;

    public OcrErrorModel Model => model;

    /// <summary>
    /// The single best candidate within <paramref name="maximumCost"/> (forms the book uses and common forms count
    /// cheaper); its confidence falls with the misreading's cost, a close rival makes it a suggestion, and so does a
    /// candidate that is neither common nor the book's own word.
    /// </summary>
    public Correction? Best(string word, BookVocabulary vocabulary, double maximumCost, OcrErrorModel? bookModel = null)
    {
        var ranked = Ranked(word, vocabulary, bookModel ?? model);
        if (ranked.Count == 0 || ranked[0].Cost > maximumCost)
        {
            return null;
        }

        var best = ranked[0];
        var confidence = 0.98 - (0.1 * Math.Max(0, best.Cost));
        var reason = $"\"{word}\" is not in the dictionary; \"{best.Word}\" is an OCR misreading away (cost {best.Cost:0.0#})";
        if (ranked.Count > 1 && ranked[1].Cost - best.Cost < RivalMargin)
        {
            confidence = Math.Min(confidence, 0.7);
            reason += $"; also possible: {string.Join(", ", ranked.Skip(1).TakeWhile(c => c.Cost - best.Cost < RivalMargin).Take(3).Select(c => c.Word))}";
        }

        var content = best.Word.Split(' ').MaxBy(p => p.Length)!;
        if (vocabulary.WordCount(content) == 0 && !lexicon.IsCommon(content))
        {
            confidence = Math.Min(confidence, 0.85);
            reason += $"; \"{content}\" is a rare form and the book does not use it";
        }

        return new Correction(best.Word, best.Cost, confidence, reason);
    }

    /// <summary>Candidates cheapest first, one per spelling (ё and е spell one word), with the book's and the corpus's evidence in the cost.</summary>
    public List<Candidate> Ranked(string word, BookVocabulary vocabulary, OcrErrorModel errorModel) =>
        For(word, errorModel)
            .Select(c => c with { Cost = c.Cost - Evidence(c.Word, vocabulary) })
            .OrderBy(c => c.Cost)
            .DistinctBy(c => c.Word.Replace('ё', 'е'))
            .ToList();

    /// <summary>
    /// The book's own words are likelier readings, the more so the more often it uses them (for a split, its longer
    /// word: "в истории" is as likely as "истории"); a form of common use a little likelier than a rare one.
    /// </summary>
    private double Evidence(string candidate, BookVocabulary vocabulary)
    {
        var content = candidate.Split(' ').MaxBy(p => p.Length)!;
        var count = vocabulary.WordCount(content);
        var book = count == 0 ? 0 : Math.Min(0.4, 0.15 + (0.05 * count));
        // Prepositions, conjunctions, particles and pronouns are about two words in five of any Russian text.
        var function = candidate.Split(' ').All(lexicon.IsFunctionWord) ? 0.2 : 0;
        return book + function + (lexicon.IsCommon(content) ? 0.1 : 0);
    }

    public IReadOnlyList<Candidate> For(string word) => For(word, model);

    public IReadOnlyList<Candidate> For(string word, OcrErrorModel errorModel)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length is 0 or > MaximumWordLength)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { lower };
        var found = new List<Candidate>();
        void Consider(string edit)
        {
            // A capitalised word's candidates are checked capitalised: names (Галилей, Павел) are words only so.
            if (edit.Length > 0 && seen.Add(edit) && IsKnown(MatchCase(word, edit)) && SplitCost(edit) is var split && !double.IsPositiveInfinity(split))
            {
                found.Add(new Candidate(MatchCase(word, edit), errorModel.Distance(lower, edit) + split));
            }
        }

        foreach (var edit in SingleEdits(lower))
        {
            Consider(edit);
        }

        // One letter OCR read as two (ш as пт, ы as ьі): the run read back as its letter, at each place it occurs.
        foreach (var (shape, letter, _) in errorModel.SplitShapes)
        {
            for (var at = lower.IndexOf(shape, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(shape, at + 1, StringComparison.Ordinal))
            {
                Consider(string.Concat(lower.AsSpan(0, at), new string(letter, 1), lower.AsSpan(at + shape.Length)));
            }
        }

        // Two misreadings in one word happen in faint or blurred print ("спучай" has one, "хахой" two): only when no
        // single edit explains the word, and only two substitutions the model finds cheap, so the search stays small.
        if (found.Count == 0 && lower.Length >= 5)
        {
            var cheap = CheapSubstitutions(lower, errorModel).ToList();
            for (var a = 0; a < cheap.Count; a++)
            {
                for (var b = a + 1; b < cheap.Count; b++)
                {
                    if (cheap[a].Position != cheap[b].Position)
                    {
                        var chars = lower.ToCharArray();
                        chars[cheap[a].Position] = cheap[a].Letter;
                        chars[cheap[b].Position] = cheap[b].Letter;
                        Consider(new string(chars));
                    }
                }
            }
        }

        found.Sort((a, b) => a.Cost.CompareTo(b.Cost));
        return found;
    }

    /// <summary>A lost space is only believed next to a function word (в, на, и, не…), each part a word of its own.</summary>
    private double SplitCost(string candidate)
    {
        if (candidate.Contains('-', StringComparison.Ordinal))
        {
            // во-первых, кто-то: a hyphen OCR lost is read as cheaply as a space.
            return -0.05;
        }

        var parts = candidate.Split(' ');
        if (parts.Length < 2)
        {
            return 0;
        }

        // не is written together with nouns, adjectives, participles, adverbs and gerunds (ненормативный, несопровождающий);
        // apart only before a verb or a function word.
        if (parts[0] == "не" && !lexicon.Morphology.Analyze(parts[1]).Any(p => p.IsKnown &&
                (p.Tag.PartOfSpeech is Grammeme.Verb or Grammeme.Infn || !p.Tag.IsProductive)))
        {
            return double.PositiveInfinity;
        }

        // A preposition is followed by a word in a case it governs: "за вопиют", "до яблочный", "с кувырнулась" are no readings.
        if (Agreement.Governs(parts[0]) is { } cases
                ? !lexicon.Morphology.Analyze(parts[1]).Any(p => p.IsKnown && p.Tag.Case is { } c && cases.Contains(c.CommonCase()))
                : lexicon.Morphology.Analyze(parts[0]).All(p => p.Tag.PartOfSpeech == Grammeme.Prep) &&
                  !lexicon.Morphology.Analyze(parts[1]).Any(p => p.IsKnown && p.Tag.Case is not null))
        {
            return double.PositiveInfinity;
        }

        // A preposition or conjunction glued to the next word ("ввойну", "коперации") is OCR's habit; a particle after
        // a word ("вой ну") is a likelier misreading of one word.
        var function = parts.Select(lexicon.IsFunctionWord).ToArray();
        return !function.Any(f => f) ? OcrErrorModel.Substitution
            : !parts.Select((p, i) => function[i] || p.Length >= 3).All(ok => ok) ? double.PositiveInfinity
            : function[0] ? 0
            : 0.25;
    }

    private bool IsKnown(string candidate) =>
        candidate.Contains('-', StringComparison.Ordinal) ? lexicon.Morphology.IsKnown(candidate.ToLowerInvariant()) && lexicon.Morphology.Analyze(candidate.ToLowerInvariant()).Any(p => p.IsKnown)
        : candidate.Contains(' ', StringComparison.Ordinal)
            ? candidate.Split(' ').All(part => part.Length > 0 && lexicon.IsCandidate(part))
            : lexicon.IsCandidate(candidate);

    private static IEnumerable<(int Position, char Letter)> CheapSubstitutions(string word, OcrErrorModel errorModel)
    {
        for (var i = 0; i < word.Length; i++)
        {
            foreach (var (meant, cost) in errorModel.ReadingsOf(word[i]))
            {
                if (cost <= CheapSubstitution)
                {
                    yield return (i, meant);
                }
            }
        }
    }

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

            if (i > 0 && i < word.Length)
            {
                yield return left + " " + right;
                yield return left + "-" + right;
            }
        }
    }

    /// <summary>Keeps the seen word's capital first letter.</summary>
    private static string MatchCase(string original, string candidate) =>
        original.Length > 0 && char.IsUpper(original[0]) ? char.ToUpperInvariant(candidate[0]) + candidate[1..] : candidate;
}
