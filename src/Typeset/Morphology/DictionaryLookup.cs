namespace Typeset.Morphology;

/// <summary>
/// Look-ups in the dictionary's DAWGs: word forms and prediction endings with е standing for ё (DAWG-Python's
/// similar_items), and P(tag | word). Keys are lower-cased into stack buffers; nothing here keeps state between calls.
/// </summary>
internal sealed class DictionaryLookup(OpenCorporaDictionary dictionary)
{
    private const byte Separator = 1;
    private const byte TagSeparator = (byte)':';

    /// <summary>Longer keys are in no DAWG of the dictionary (its longest word form has 37 characters).</summary>
    private const int MaxKeyLength = MorphAnalyzer.MaxWordLength;

    // Classes, not structs: List<T> of a class runs code the runtime ships compiled; of our struct it would be JIT-compiled at first use.
    public sealed record WordEntry(string Word, int Paradigm, int Form);

    public sealed record SuffixEntry(string Ending, int Count, int Paradigm, int Form);

    private sealed record Match(string? Variant, uint Node);

    // Scratch lists, one per thread: a look-up neither nests nor yields, so each call may reuse them.
    [ThreadStatic]
    private static List<Match>? matchScratch;

    [ThreadStatic]
    private static List<int>? valueScratch;

    /// <summary>Every dictionary reading of <paramref name="lower"/>: its own spelling first, then spellings with ё for е.</summary>
    public void FindWords(string lower, List<WordEntry> entries)
    {
        var matches = FindSimilar(dictionary.Words, lower, substituteYo: true);
        var values = valueScratch ??= new List<int>(64);
        foreach (var match in matches)
        {
            values.Clear();
            OpenCorporaDictionary.ReadPayloads(dictionary.Words, match.Node, 2, values);
            for (var i = 0; i < values.Count; i += 2)
            {
                dictionary.CheckPayload(dictionary.Words, values[i], values[i + 1]);
                entries.Add(new WordEntry(match.Variant ?? lower, values[i], values[i + 1]));
            }
        }
    }

    /// <summary>Endings seen in the dictionary with paradigm prefix <paramref name="prefixId"/>: (ending as spelt there, count, paradigm, form).</summary>
    public void FindSuffixes(int prefixId, string ending, List<SuffixEntry> entries)
    {
        var dawg = dictionary.PredictionSuffixes[prefixId];
        var matches = FindSimilar(dawg, ending, substituteYo: true);
        var values = valueScratch ??= new List<int>(64);
        foreach (var match in matches)
        {
            values.Clear();
            OpenCorporaDictionary.ReadPayloads(dawg, match.Node, 3, values);
            for (var i = 0; i < values.Count; i += 3)
            {
                dictionary.CheckPayload(dawg, values[i + 1], values[i + 2]);
                entries.Add(new SuffixEntry(match.Variant ?? ending, values[i], values[i + 1], values[i + 2]));
            }
        }
    }

    public bool Contains(ReadOnlySpan<char> word, bool strictYo)
    {
        if (word.IsEmpty || word.Length > MaxKeyLength)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[word.Length];
        return Cp1251.TryEncodeLower(word, key) && ContainsSimilar(dictionary.Words, key, 0, Dawg.Root, !strictYo);
    }

    public bool InCorpus(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > MaxKeyLength)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[word.Length + 1];
        if (!Cp1251.TryEncodeLower(word, key))
        {
            return false;
        }

        key[^1] = TagSeparator;
        var node = Dawg.Root;
        return dictionary.Probabilities.Follow(key, ref node);
    }

    /// <summary>
    /// P(tag | word) for each parse with a dictionary tag, into <paramref name="probabilities"/>; returns their sum. The
    /// corpus statistics are keyed by the word as typed, lower-cased; a word typed with ё is also tried with е.
    /// </summary>
    public double TagProbabilities(string lower, WordParse[] parses, Span<double> probabilities)
    {
        probabilities.Clear();
        if (lower.Length == 0 || lower.Length > MaxKeyLength)
        {
            return 0;
        }

        Span<byte> key = stackalloc byte[lower.Length + 1];
        if (!Cp1251.TryEncodeLower(lower, key))
        {
            return 0;
        }

        key[^1] = TagSeparator;
        var total = Probabilities(key, parses, probabilities);
        if (total == 0 && key.Contains(Cp1251.Yo))
        {
            key.Replace(Cp1251.Yo, Cp1251.Ye);
            total = Probabilities(key, parses, probabilities);
        }

        return total;
    }

    private double Probabilities(ReadOnlySpan<byte> wordKey, WordParse[] parses, Span<double> probabilities)
    {
        var dawg = dictionary.Probabilities;
        var node = Dawg.Root;
        if (!dawg.Follow(wordKey, ref node))
        {
            return 0;
        }

        var total = 0.0;
        for (var i = 0; i < parses.Length; i++)
        {
            var tagId = parses[i].Origin.TagId;
            var end = node;
            if (tagId >= 0 && dawg.Follow(dictionary.TagKey(tagId), ref end) && dawg.HasValue(end))
            {
                probabilities[i] = dawg.Value(end) / 1_000_000.0;
                total += probabilities[i];
            }
        }

        return total;
    }

    /// <summary>
    /// The nodes after the separator of every key spelt like <paramref name="text"/> or with ё where it has е: the text's
    /// own spelling first, then the others in the order DAWG-Python gives them.
    /// </summary>
    private static List<Match> FindSimilar(Dawg dawg, string text, bool substituteYo)
    {
        var matches = matchScratch ??= new List<Match>(4);
        matches.Clear();
        if (text.Length == 0 || text.Length > MaxKeyLength)
        {
            return matches;
        }

        Span<byte> key = stackalloc byte[text.Length];
        if (!Cp1251.TryEncodeLower(text, key))
        {
            return matches;
        }

        Span<byte> variant = stackalloc byte[text.Length];
        key.CopyTo(variant);
        CollectSimilar(dawg, key, variant, 0, Dawg.Root, substituteYo, matches);
        return matches;
    }

    private static void CollectSimilar(Dawg dawg, ReadOnlySpan<byte> key, Span<byte> variant, int position, uint index, bool substituteYo, List<Match> matches)
    {
        var first = matches.Count;
        for (var i = position; i < key.Length; i++)
        {
            if (substituteYo && key[i] == Cp1251.Ye)
            {
                var yo = index;
                if (dawg.Follow(Cp1251.Yo, ref yo))
                {
                    variant[i] = Cp1251.Yo;
                    CollectSimilar(dawg, key, variant, i + 1, yo, substituteYo, matches);
                    variant[i] = Cp1251.Ye;
                }
            }

            if (!dawg.Follow(key[i], ref index))
            {
                return;
            }
        }

        if (dawg.Follow(Separator, ref index))
        {
            var spelling = variant.SequenceEqual(key) ? null : Cp1251.Decode(variant);
            matches.Insert(first, new Match(spelling, index));
        }
    }

    private static bool ContainsSimilar(Dawg dawg, ReadOnlySpan<byte> key, int position, uint index, bool substituteYo)
    {
        for (var i = position; i < key.Length; i++)
        {
            if (substituteYo && key[i] == Cp1251.Ye)
            {
                var yo = index;
                if (dawg.Follow(Cp1251.Yo, ref yo) && ContainsSimilar(dawg, key, i + 1, yo, substituteYo))
                {
                    return true;
                }
            }

            if (!dawg.Follow(key[i], ref index))
            {
                return false;
            }
        }

        return dawg.Follow(Separator, ref index);
    }
}
