using System.Text;
using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.IO;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Names;

/// <summary>
/// One spelling per person and place: finds capitalised names whose stems differ by a soft sign, a hyphen, a space or
/// one letter (Гоминдан/Гоминьдан, in every case form), clusters them, and rewrites the minority spellings to the form
/// listed in dictionaries/names.tsv or, failing that, to the book's dominant form. The clusters are written to
/// output/review/name-clusters.tsv for the editor.
/// </summary>
public sealed partial class NamesStage : CleanupStage
{
    public const string StageName = "names";
    public const string RuleListed = "names.listed-variant";
    public const string RuleDominant = "names.dominant-form";
    public const string NamesFile = "names.tsv";
    public const string UserNamesFile = "user-names.tsv";

    /// <summary>Shorter stems differ by one letter too easily to call them variants of one name.</summary>
    private const int MinimumKeyLength = 5;

    /// <summary>Stems at least this long may differ by any one letter and still be one name.</summary>
    private const int LongStem = 7;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var lexicon = new Lexicon(context.Hunspell, context.Morphology);
        var list = LoadList(context);
        var occurrences = FindNames(book).ToList();
        var byKey = occurrences.GroupBy(o => NameForms.Key(o.Word)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var listedKeys = list.Canonical.Select(NameForms.Key).ToHashSet(StringComparer.Ordinal);
        var variantTargets = list.CanonicalByVariant
            .Where(p => !p.Key.Contains(' ', StringComparison.Ordinal))
            .ToDictionary(p => NameForms.Key(p.Key), p => p.Value, StringComparer.Ordinal);

        // Two names the dictionary or names.tsv knows are two names (Хунань and Хэнань), however close; and a form the
        // dictionary knows is the spelling its variants take (never "Советский" → "Советьский", however often).
        var knownKeys = byKey.Keys.Where(key => IsKnownWord(byKey[key], context)).ToHashSet(StringComparer.Ordinal);
        var morphology = context.Morphology;
        var lemmas = byKey.ToDictionary(p => p.Key, p => Lemmas(p.Value, morphology), StringComparer.Ordinal);
        var commonWords = byKey.Keys.Where(key => byKey[key].Any(f => IsCommonWord(f.Word, context))).ToHashSet(StringComparer.Ordinal);
        // Never variants: two spellings the morphology reads as forms of one lexeme (a name and its own declension), or
        // a capitalised common word (Сказавши, Закрывши at a sentence start are no names).
        bool Separate(string a, string b) => lemmas[a].Overlaps(lemmas[b]) || commonWords.Contains(a) || commonWords.Contains(b);
        var clusters = Cluster(byKey.Keys, key => knownKeys.Contains(key) || listedKeys.Contains(key), Separate)
            .Where(cluster => cluster.Count(k => listedKeys.Contains(k) || knownKeys.Contains(k)) <= 1)
            .ToList();
        var edits = new List<Edit>();
        var report = new StringBuilder("# canonical\tvariants (count)\n");
        foreach (var cluster in clusters)
        {
            var authority = cluster.FirstOrDefault(k => listedKeys.Contains(k) || knownKeys.Contains(k));
            var canonicalKey = authority ?? cluster.OrderByDescending(k => byKey[k].Count).First();
            var rivals = cluster.Where(k => k != canonicalKey && byKey[k].Count == byKey[canonicalKey].Count).ToList();
            var confident = authority is not null || rivals.Count == 0;
            var canonicalStem = Stem(byKey[canonicalKey]);
            report.Append(canonicalStem).Append('\t')
                .AppendJoin(", ", cluster.Where(k => k != canonicalKey).Select(k => $"{Stem(byKey[k])} ({byKey[k].Count})")).Append('\n');
            foreach (var key in cluster.Where(k => k != canonicalKey))
            {
                var kind = Difference(key, canonicalKey);
                // An OCR variant is rare beside the book's spelling; two spellings used about as often are two names, or the
                // author's own variation: only suggested.
                var outnumbered = byKey[canonicalKey].Count >= 3 * byKey[key].Count;
                var confidence = !confident ? 0.6 : authority is not null ? 0.95 : !outnumbered ? 0.6 : kind == DifferenceKind.Letter ? 0.85 : 0.93;
                var why = listedKeys.Contains(canonicalKey) ? "listed in names.tsv" : knownKeys.Contains(canonicalKey) ? "the dictionary's spelling" : $"{byKey[canonicalKey].Count} against {byKey[key].Count} in the book";
                var reason = $"\"{Stem(byKey[key])}…\" is a variant of \"{canonicalStem}…\" ({why}; differs by {Describe(kind)})";
                edits.AddRange(Rewrite(lexicon, byKey[key], canonicalStem, listedKeys.Contains(canonicalKey) ? RuleListed : RuleDominant, confidence, reason));
            }
        }

        // Маньчжоу-Го beside Маньчжоу-го: the same stem in other capitals takes the dominant capitals.
        foreach (var forms in byKey.Values)
        {
            var stems = forms.GroupBy(f => NameForms.Split(f.Word).Stem, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
            foreach (var minority in stems.Skip(1).Where(g => string.Equals(g.Key, stems[0].Key, StringComparison.OrdinalIgnoreCase)))
            {
                var confidence = minority.Count() < stems[0].Count() ? 0.93 : 0.6;
                edits.AddRange(Rewrite(lexicon, minority, stems[0].Key, RuleDominant, confidence,
                    $"\"{minority.Key}…\" is written \"{stems[0].Key}…\" {stems[0].Count()} times against {minority.Count()}"));
            }
        }

        // Variants named in names.tsv are rewritten even when the book never uses the canonical spelling.
        foreach (var (key, forms) in byKey)
        {
            if (variantTargets.TryGetValue(key, out var canonical) && !clusters.Any(c => c.Contains(key)) &&
                NameForms.Key(canonical) != key)
            {
                var canonicalStem = NameForms.Split(canonical).Stem;
                edits.AddRange(Rewrite(lexicon, forms, canonicalStem, RuleListed, 0.95, $"names.tsv lists \"{canonical}\" as the spelling of \"{forms[0].Word}\""));
            }
        }

        if (clusters.Count > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(context.Config.Paths.ReviewFolder, "name-clusters.tsv"), report.ToString());
        }

        return edits;
    }

    private sealed record Occurrence(string PartId, int Start, string Word);

    private enum DifferenceKind
    {
        SoftSign,
        HyphenOrSpace,
        Letter,
    }

    private static NameList LoadList(StageContext context)
    {
        // The spellings the editor chose in review (dictionaries/user-names.tsv) win over names.tsv.
        var folder = context.Config.Paths.Dictionaries;
        try
        {
            return NameList.Load([Path.Combine(folder, NamesFile), Path.Combine(folder, UserNamesFile)]);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{e.Message} (fix the line, or restore the file from Typeset's dictionaries/)");
        }
    }

    private static IEnumerable<Occurrence> FindNames(Book book)
    {
        foreach (var part in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(part);
            var untouchable = MarkdownWriter.ProtectedSpans(part);
            foreach (Match match in NamePattern().Matches(text))
            {
                if (!untouchable.Any(span => match.Index < span.End && match.Index + match.Length > span.Start))
                {
                    yield return new Occurrence(part.Id, match.Index, match.Value);
                }
            }
        }
    }

    /// <summary>A form the dictionary knows (a common word, a well-known name) is never rewritten as someone's variant.</summary>
    private static bool IsKnownWord(IEnumerable<Occurrence> forms, StageContext context) =>
        forms.Any(f => !f.Word.Contains('-', StringComparison.Ordinal) && context.Hunspell.Spell(f.Word));

    /// <summary>The dictionary lemmas of a name's forms as OpenCorpora reads them (nouns and names only, guesses included).</summary>
    private static HashSet<string> Lemmas(IEnumerable<Occurrence> forms, Morphology.MorphAnalyzer morphology)
    {
        var lemmas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in forms.Select(f => f.Word).Distinct(StringComparer.Ordinal))
        {
            foreach (var parse in morphology.Analyze(form))
            {
                if (parse.IsKnown && (parse.Tag.PartOfSpeech == Morphology.Grammeme.Noun || parse.Tag.IsProper))
                {
                    lemmas.Add(parse.Lemma);
                }
            }
        }

        return lemmas;
    }

    /// <summary>The word written in lower case is a dictionary word that is not a name (Лагун → лагун), so the capital is a sentence start.</summary>
    private static bool IsCommonWord(string word, StageContext context)
    {
        var lower = word.ToLowerInvariant();
        return !word.Contains('-', StringComparison.Ordinal) && (context.Hunspell.Spell(lower) ||
            context.Morphology.Analyze(lower).Any(p => p.IsKnown && !p.Tag.IsProper));
    }

    /// <summary>Groups keys one soft sign, hyphen, space or letter apart; a key the dictionary knows never joins another known one.</summary>
    private static List<List<string>> Cluster(IEnumerable<string> keys, Func<string, bool> known, Func<string, string, bool> separate)
    {
        var all = keys.Where(k => k.Length >= MinimumKeyLength).ToList();
        var protectedKeys = all.Where(known).ToHashSet(StringComparer.Ordinal);
        var parent = all.ToDictionary(k => k, k => k, StringComparer.Ordinal);
        string Find(string k) => parent[k] == k ? k : parent[k] = Find(parent[k]);

        var byLength = all.GroupBy(k => k.Length).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var key in all)
        {
            foreach (var length in new[] { key.Length, key.Length + 1 })
            {
                if (!byLength.TryGetValue(length, out var others))
                {
                    continue;
                }

                foreach (var other in others)
                {
                    if (string.CompareOrdinal(key, other) < 0 || length != key.Length)
                    {
                        if (other != key && AreVariants(key, other) && !(protectedKeys.Contains(key) && protectedKeys.Contains(other)) && !separate(key, other))
                        {
                            parent[Find(key)] = Find(other);
                        }
                    }
                }
            }
        }

        return all.GroupBy(Find).Select(g => g.ToList()).Where(g => g.Count > 1).ToList();
    }

    /// <summary>
    /// One soft sign or hyphen apart, or one letter apart in a long stem (short stems one letter apart are often two
    /// names: Дальний and Дальянь).
    /// </summary>
    private static bool AreVariants(string a, string b)
    {
        if (!OneEditApart(a, b))
        {
            return false;
        }

        var kind = Difference(a, b);
        // A stem a letter longer at its end is another declension (Никол-ы of Никола beside Никола-й), not a misreading.
        return kind != DifferenceKind.Letter || (Math.Min(a.Length, b.Length) >= LongStem && a.Length == b.Length);
    }

    private static bool OneEditApart(string a, string b)
    {
        if (a.Length > b.Length)
        {
            (a, b) = (b, a);
        }

        if (b.Length - a.Length > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }

        return a.Length == b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    private static DifferenceKind Difference(string a, string b)
    {
        var longer = a.Length >= b.Length ? a : b;
        var shorter = a.Length >= b.Length ? b : a;
        var i = 0;
        while (i < shorter.Length && shorter[i] == longer[i])
        {
            i++;
        }

        return longer.Length == shorter.Length ? DifferenceKind.Letter
            : longer[i] is 'ь' or 'ъ' ? DifferenceKind.SoftSign
            : longer[i] is '-' or ' ' ? DifferenceKind.HyphenOrSpace
            : DifferenceKind.Letter;
    }

    private static string Describe(DifferenceKind kind) => kind switch
    {
        DifferenceKind.SoftSign => "a soft sign",
        DifferenceKind.HyphenOrSpace => "a hyphen",
        _ => "one letter",
    };

    /// <summary>The stem as the book writes it most often (capitalised).</summary>
    private static string Stem(IEnumerable<Occurrence> forms) =>
        forms.GroupBy(f => NameForms.Split(f.Word).Stem).OrderByDescending(g => g.Count()).First().Key;

    private static IEnumerable<Edit> Rewrite(Lexicon lexicon, IEnumerable<Occurrence> forms, string canonicalStem, string rule, double confidence, string reason)
    {
        // A form the dictionaries know is never rewritten into one they do not know (Николы is Никола's genitive, not a
        // variant of Николай's stem).
        bool KnownForm(string word) => lexicon.IsWord(word);

        foreach (var form in forms)
        {
            var ending = NameForms.Split(form.Word).Ending;
            var after = canonicalStem + ending;
            if (after != form.Word && !(KnownForm(form.Word) && !KnownForm(after)))
            {
                yield return new Edit(StageName, rule, form.PartId, form.Start, form.Word, after, confidence, reason);
            }
        }
    }

    /// <summary>A capitalised word (hyphenated parts included) that is not all capitals and not part of a longer token.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}*)*(?![\p{L}\p{N}])")]
    private static partial Regex NamePattern();
}
