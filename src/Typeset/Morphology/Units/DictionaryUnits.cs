namespace Typeset.Morphology.Units;

/// <summary>Dictionary look-up (pymorphy2's by_lookup.DictionaryAnalyzer): the form's paradigms, е read as ё where the dictionary has ё.</summary>
internal sealed class DictionaryUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    public void Parse(AnalysisContext context)
    {
        foreach (var parse in ParseWord(context.Lower))
        {
            context.Results.Add(parse);
        }
    }

    /// <summary>The dictionary readings of a lower-case word, each with score 1.</summary>
    public List<WordParse> ParseWord(string lower)
    {
        var entries = new List<DictionaryLookup.WordEntry>(4);
        analyzer.Lookup.FindWords(lower, entries);
        var parses = new List<WordParse>(entries.Count);
        var dictionary = analyzer.Dictionary;
        foreach (var entry in entries)
        {
            parses.Add(new WordParse(analyzer, entry.Word, dictionary.TagOf(entry.Paradigm, entry.Form), 1.0, ParseMethod.Dictionary,
                dictionary.OriginOf(entry.Paradigm, entry.Form)));
        }

        return parses;
    }
}

/// <summary>
/// A single capital letter as an initial (pymorphy2's AbbreviatedFirstNameAnalyzer and AbbreviatedPatronymicAnalyzer):
/// М. В. Коломиец. Every gender and case, each with a low score; a first name's lexeme keeps its gender.
/// </summary>
internal sealed class InitialUnit : IAnalyzerUnit
{
    private const string Letters = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ";
    private static readonly Grammeme[] Cases = [Grammeme.Nomn, Grammeme.Gent, Grammeme.Datv, Grammeme.Accs, Grammeme.Ablt, Grammeme.Loct];

    private readonly MorphAnalyzer analyzer;
    private readonly bool patronymic;
    private readonly Tag[] masculine;
    private readonly Tag[] feminine;

    public InitialUnit(MorphAnalyzer analyzer, bool patronymic)
    {
        this.analyzer = analyzer;
        this.patronymic = patronymic;
        masculine = Tags(Grammeme.Masc);
        feminine = Tags(Grammeme.Femn);
    }

    private Tag[] Tags(Grammeme gender) => Cases
        .Select(c => new Tag(Grammeme.Noun, Grammeme.Anim, gender, Grammeme.Sgtm, patronymic ? Grammeme.Patr : Grammeme.Name, Grammeme.Fixd,
            Grammeme.Abbr, Grammeme.Init, Grammeme.Sing, c))
        .ToArray();

    public void Parse(AnalysisContext context)
    {
        if (context.Word.Length != 1 || !Letters.Contains(context.Word[0]))
        {
            return;
        }

        // A first name's lexeme keeps its gender; a patronymic's is every gender and case, as in pymorphy2.
        var all = masculine.Concat(feminine).ToArray();
        var masculineOrigin = new FixedOrigin(patronymic ? all : masculine);
        var feminineOrigin = new FixedOrigin(patronymic ? all : feminine);
        foreach (var tag in all)
        {
            context.Results.Add(new WordParse(analyzer, context.Lower, tag, 0.1, ParseMethod.Initial,
                tag.Has(Grammeme.Masc) ? masculineOrigin : feminineOrigin));
        }
    }
}
