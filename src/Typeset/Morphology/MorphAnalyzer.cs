using System.Collections.Concurrent;
using System.Diagnostics;
using Typeset.Morphology.Units;

namespace Typeset.Morphology;

/// <summary>
/// Russian morphological analysis with OpenCorpora's dictionary, as pymorphy2 does it: a chain of units (dictionary
/// lookup with е/ё, initials, numbers, punctuation, Roman numbers and Latin, hyphenated words, known and unknown
/// prefixes, prediction from the ending, unknown) where the first group that answers wins, then scores from P(tag | word).
/// Loaded once; thread-safe; results are cached, since a book repeats its words.
/// </summary>
public sealed class MorphAnalyzer
{
    /// <summary>Longer tokens are not words: only their shape is analysed (one pass), so a 10,000-letter "word" costs next to nothing.</summary>
    public const int MaxWordLength = 64;

    private const int CacheLimit = 200_000;

    private static readonly ConcurrentDictionary<string, Lazy<MorphAnalyzer>> Loaded = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, WordParse[]> cache = new(Environment.ProcessorCount, 16_384, StringComparer.Ordinal);
    private readonly IAnalyzerUnit[][] groups;

    /// <summary>Entries added to the cache (its own Count takes every lock of the dictionary: far too slow to ask per word).</summary>
    private int cacheEntries;

    private MorphAnalyzer(OpenCorporaDictionary dictionary, TimeSpan loadTime)
    {
        Dictionary = dictionary;
        LoadTime = loadTime;
        Lookup = new DictionaryLookup(dictionary);
        var dictionaryUnit = new DictionaryUnit(this);
        groups =
        [
            [dictionaryUnit, new InitialUnit(this, patronymic: false), new InitialUnit(this, patronymic: true)],
            [new NumberUnit(this)],
            [new PunctuationUnit(this)],
            [new RomanNumberUnit(this), new LatinUnit(this)],
            [new HyphenParticleUnit(this)],
            [new HyphenAdverbUnit(this)],
            [new HyphenatedWordsUnit(this)],
            [new KnownPrefixUnit(this)],
            [new UnknownPrefixUnit(this, dictionaryUnit), new KnownSuffixUnit(this)],
            [new UnknownUnit(this)],
        ];
    }

    public OpenCorporaDictionary Dictionary { get; }

    /// <summary>How long reading the files took.</summary>
    public TimeSpan LoadTime { get; }

    internal DictionaryLookup Lookup { get; }

    /// <summary>Reads the dictionary in <paramref name="folder"/> (az's <c>dicts/</c>); see <see cref="MorphologyLocation"/>.</summary>
    public static MorphAnalyzer Load(string folder)
    {
        var watch = Stopwatch.StartNew();
        var dictionary = OpenCorporaDictionary.Load(folder);
        return new MorphAnalyzer(dictionary, watch.Elapsed);
    }

    /// <summary>
    /// The analyzer for <paramref name="folder"/>, loaded once per process and shared (the data never changes while the
    /// process runs). A failed load is not remembered, so installing the files and asking again works.
    /// </summary>
    public static MorphAnalyzer Shared(string folder)
    {
        var key = Path.GetFullPath(folder);
        var lazy = Loaded.GetOrAdd(key, k => new Lazy<MorphAnalyzer>(() => Load(k)));
        try
        {
            return lazy.Value;
        }
        catch (MorphologyDataException)
        {
            Loaded.TryRemove(new KeyValuePair<string, Lazy<MorphAnalyzer>>(key, lazy));
            throw;
        }
    }

    /// <summary>Every reading of <paramref name="word"/> (any case), most likely first. Never empty: an unknown token gets UNKN.</summary>
    public IReadOnlyList<WordParse> Analyze(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var parses = AnalyzeUncached(word);
        if (Interlocked.Increment(ref cacheEntries) > CacheLimit)
        {
            // A crude bound on memory: a book has far fewer distinct words, so this only guards against odd input.
            cache.Clear();
            Interlocked.Exchange(ref cacheEntries, 0);
        }

        return cache.GetOrAdd(word, parses);
    }

    /// <summary>The same for a word inside a longer text: a word read before costs no allocation.</summary>
    public IReadOnlyList<WordParse> Analyze(ReadOnlySpan<char> word) =>
        cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var cached) ? cached : Analyze(word.ToString());

    /// <summary>The distinct lemmas of <paramref name="word"/>'s readings, most likely first.</summary>
    public IReadOnlyList<string> Lemmas(string word) => Analyze(word).Select(p => p.Lemma).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// <paramref name="word"/> (any case) is a dictionary word form; е may stand for ё unless <paramref name="strictYo"/>.
    /// Allocates nothing: for checking candidates by the thousand.
    /// </summary>
    public bool IsKnown(ReadOnlySpan<char> word, bool strictYo = false) => Lookup.Contains(word, strictYo);

    /// <summary>
    /// OpenCorpora's annotated corpus has <paramref name="word"/> (any case): a sign the form is in common use, for ranking
    /// candidates. The statistics hold about 31,500 distinct forms (meta.json's P(t|w)_unique_words).
    /// </summary>
    public bool IsCorpusWord(ReadOnlySpan<char> word) => Lookup.InCorpus(word);

    private WordParse[] AnalyzeUncached(string word)
    {
        var lower = word.ToLowerInvariant();
        var context = new AnalysisContext(word, lower);
        foreach (var group in groups)
        {
            foreach (var unit in group)
            {
                if (word.Length <= MaxWordLength || unit.AcceptsLongTokens)
                {
                    unit.Parse(context);
                }
            }

            if (context.Results.Count > 0)
            {
                break;
            }
        }

        var results = context.Results.ToArray();
        ApplyProbabilities(lower, results);
        return results;
    }

    /// <summary>
    /// pymorphy2's ProbabilityEstimator: when the corpus has seen the word, each reading's score is P(tag | word) (made to
    /// add up to 1 over the readings found); otherwise the units' estimates are made to add up to 1. Most likely first.
    /// </summary>
    private void ApplyProbabilities(string lower, WordParse[] parses)
    {
        if (parses.Length == 0)
        {
            return;
        }

        Span<double> probabilities = parses.Length <= 64 ? stackalloc double[parses.Length] : new double[parses.Length];
        var total = Lookup.TagProbabilities(lower, parses, probabilities);
        if (total > 0)
        {
            for (var i = 0; i < parses.Length; i++)
            {
                parses[i].Score = probabilities[i] / total;
            }
        }
        else
        {
            var sum = parses.Sum(p => p.Score);
            foreach (var parse in parses)
            {
                parse.Score = sum > 0 ? parse.Score / sum : 1.0 / parses.Length;
            }
        }

        // Most likely first; stable, as Python's sorted: equal scores keep the units' order. Insertion sort: a word has few readings.
        for (var i = 1; i < parses.Length; i++)
        {
            var parse = parses[i];
            var j = i - 1;
            while (j >= 0 && parses[j].Score < parse.Score)
            {
                parses[j + 1] = parses[j];
                j--;
            }

            parses[j + 1] = parse;
        }
    }
}
