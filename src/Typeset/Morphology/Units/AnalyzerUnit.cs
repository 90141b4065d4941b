namespace Typeset.Morphology.Units;

/// <summary>One step of the analyzer chain (pymorphy2's analyzer units): adds the readings it finds to the context.</summary>
internal interface IAnalyzerUnit
{
    /// <summary>Shape units look at tokens of any length; units that look words up skip overlong ones.</summary>
    bool AcceptsLongTokens => false;

    void Parse(AnalysisContext context);
}

/// <summary>The word being analysed and what the units found so far.</summary>
internal sealed class AnalysisContext(string word, string lower)
{
    // Made on first use: most words are settled by the dictionary, which needs neither.
    private HashSet<(string Word, Tag Tag, string Lemma)>? seen;
    private HashSet<(string Word, Tag Tag, int Paradigm)>? seenPredictions;

    /// <summary>The token as given.</summary>
    public string Word { get; } = word;

    /// <summary>The token in lower case.</summary>
    public string Lower { get; } = lower;

    public List<WordParse> Results { get; } = new(4);

    /// <summary>Adds a parse unless an equal one (form, tag, lemma) is already there (pymorphy2's add_parse_if_not_seen).</summary>
    public void AddIfNotSeen(WordParse parse)
    {
        if ((seen ??= []).Add((parse.Word, parse.Tag, parse.Lemma)))
        {
            Results.Add(parse);
        }
    }

    /// <summary>Marks a prediction (form, tag, paradigm) as found; false if it was already.</summary>
    public bool MarkPrediction(string word, Tag tag, int paradigm) => (seenPredictions ??= []).Add((word, tag, paradigm));

    public void MarkSeen(WordParse parse) => (seen ??= []).Add((parse.Word, parse.Tag, parse.Lemma));
}
