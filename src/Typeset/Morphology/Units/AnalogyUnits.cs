namespace Typeset.Morphology.Units;

/// <summary>Prefixes that do not change how the rest of the word inflects (pymorphy2's KNOWN_PREFIXES for Russian).</summary>
internal static class KnownPrefixes
{
    public static readonly string[] All =
    [
        "авиа", "авто", "аква", "анти", "анти-", "антропо", "архи", "арт", "арт-", "астро", "аудио", "аэро", "без", "бес", "био", "вело",
        "взаимо", "вне", "внутри", "видео", "вице-", "вперед", "впереди", "гекто", "гелио", "гео", "гетеро", "гига", "гигро", "гипер",
        "гипо", "гомо", "дву", "двух", "де", "дез", "дека", "деци", "дис", "до", "евро", "за", "зоо", "интер", "инфра", "квази",
        "квази-", "кило", "кино", "контр", "контр-", "космо", "космо-", "крипто", "лейб-", "лже", "лже-", "макро", "макси", "макси-",
        "мало", "меж", "медиа", "медиа-", "мега", "мета", "мета-", "метео", "метро", "микро", "милли", "мини", "мини-", "моно", "мото",
        "много", "мульти", "нано", "нарко", "не", "небез", "недо", "нейро", "нео", "низко", "обер-", "обще", "одно", "около", "орто",
        "палео", "пан", "пара", "пента", "пере", "пиро", "поли", "полу", "после", "пост", "пост-", "порно", "пра", "пра-", "пред",
        "пресс-", "противо", "противо-", "прото", "псевдо", "псевдо-", "радио", "разно", "ре", "ретро", "ретро-", "само", "санти",
        "сверх", "сверх-", "спец", "суб", "супер", "супер-", "супра", "теле", "тетра", "топ-", "транс", "транс-", "ультра", "унтер-",
        "штаб-", "экзо", "эко", "эндо", "эконом-", "экс", "экс-", "экстра", "экстра-", "электро", "энерго", "этно",
    ];

    /// <summary>Longest first, as pymorphy2 tries them.</summary>
    private static readonly string[] LongestFirst = All.OrderByDescending(p => p.Length).ToArray();

    public static bool StartsWithAny(string word) => All.Any(p => word.StartsWith(p, StringComparison.Ordinal));

    public static IEnumerable<string> PrefixesOf(string word) => LongestFirst.Where(p => word.StartsWith(p, StringComparison.Ordinal));
}

/// <summary>A known prefix and a word the analyzer can read (pymorphy2's KnownPrefixAnalyzer): псевдокошка = псевдо + кошка.</summary>
internal sealed class KnownPrefixUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private const int MinRemainderLength = 3;

    public void Parse(AnalysisContext context)
    {
        foreach (var prefix in KnownPrefixes.PrefixesOf(context.Lower))
        {
            var remainder = context.Lower[prefix.Length..];
            if (remainder.Length < MinRemainderLength)
            {
                continue;
            }

            foreach (var inner in analyzer.Analyze(remainder))
            {
                if (inner.Tag.IsProductive)
                {
                    context.AddIfNotSeen(new WordParse(analyzer, prefix + inner.Word, inner.Tag, inner.Score * 0.75, ParseMethod.KnownPrefix,
                        new AffixOrigin(inner, prefix, string.Empty)));
                }
            }
        }
    }
}

/// <summary>
/// One to five unknown letters before a dictionary word of at least three (pymorphy2's UnknownPrefixAnalyzer):
/// байткод = байт + код.
/// </summary>
internal sealed class UnknownPrefixUnit(MorphAnalyzer analyzer, DictionaryUnit dictionary) : IAnalyzerUnit
{
    private const int MinRemainderLength = 3;
    private const int MaxPrefixLength = 5;

    public void Parse(AnalysisContext context)
    {
        var lower = context.Lower;
        for (var split = 1; split <= Math.Min(MaxPrefixLength, lower.Length - MinRemainderLength); split++)
        {
            var prefix = lower[..split];
            foreach (var inner in dictionary.ParseWord(lower[split..]))
            {
                if (inner.Tag.IsProductive)
                {
                    context.AddIfNotSeen(new WordParse(analyzer, prefix + inner.Word, inner.Tag, inner.Score * 0.5, ParseMethod.UnknownPrefix,
                        new AffixOrigin(inner, prefix, string.Empty)));
                }
            }
        }
    }
}

/// <summary>
/// Prediction by analogy with dictionary words that end the same way (pymorphy2's KnownSuffixAnalyzer): the longest
/// ending (five letters down to one) the dictionary has seen gives the paradigms, each scored by how often that ending
/// had it. Tried for each paradigm prefix the word starts with ("наи", "по", "").
/// </summary>
internal sealed class KnownSuffixUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private const int MinWordLength = 4;

    private sealed record Prediction(int Count, int PrefixId, WordParse Parse);

    public void Parse(AnalysisContext context)
    {
        var lower = context.Lower;
        if (context.Word.Length < MinWordLength)
        {
            return;
        }

        var dictionary = analyzer.Dictionary;
        var prefixes = dictionary.ParadigmPrefixes;
        var totals = new int[prefixes.Count];
        var predictions = new List<Prediction>();
        var entries = new List<DictionaryLookup.SuffixEntry>();
        for (var prefixId = prefixes.Count - 1; prefixId >= 0; prefixId--)
        {
            totals[prefixId] = 1;
            if (!lower.StartsWith(prefixes[prefixId], StringComparison.Ordinal))
            {
                continue;
            }

            for (var length = dictionary.Meta.MaxSuffixLength; length >= 1; length--)
            {
                var split = Math.Max(0, lower.Length - length);
                var start = lower[..split];
                entries.Clear();
                analyzer.Lookup.FindSuffixes(prefixId, lower[split..], entries);
                foreach (var entry in entries)
                {
                    var tag = dictionary.TagOf(entry.Paradigm, entry.Form);
                    if (!tag.IsProductive)
                    {
                        continue;
                    }

                    totals[prefixId] += entry.Count;
                    var parse = new WordParse(analyzer, start + entry.Ending, tag, 0, ParseMethod.SuffixPrediction, dictionary.OriginOf(entry.Paradigm, entry.Form));
                    if (context.IsNewPrediction(parse))
                    {
                        predictions.Add(new Prediction(entry.Count, prefixId, parse));
                    }
                }

                if (totals[prefixId] > 1)
                {
                    break;
                }
            }
        }

        // pymorphy2 scores each prediction by its count over the total of its paradigm prefix, halved.
        foreach (var prediction in predictions)
        {
            prediction.Parse.Score = (double)prediction.Count / totals[prediction.PrefixId] * 0.5;
        }

        foreach (var prediction in predictions.OrderByDescending(p => p.Parse.Score))
        {
            context.Results.Add(prediction.Parse);
        }
    }
}
