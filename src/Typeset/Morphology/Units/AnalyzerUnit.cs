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
    // Seen parses are looked up by a linear scan: a word has few readings, and no set has to be made per word.
    private List<WordParse>? seenOnly;
    private List<WordParse>? predictions;

    /// <summary>The token as given.</summary>
    public string Word { get; } = word;

    /// <summary>The token in lower case.</summary>
    public string Lower { get; } = lower;

    public List<WordParse> Results { get; } = new(4);

    /// <summary>Adds a parse unless an equal one (form, tag, lemma) is already there (pymorphy2's add_parse_if_not_seen).</summary>
    public void AddIfNotSeen(WordParse parse)
    {
        if (!Seen(Results, parse) && (seenOnly is null || !Seen(seenOnly, parse)))
        {
            Results.Add(parse);
        }
    }

    /// <summary>Records a parse as seen without adding it to the results.</summary>
    public void MarkSeen(WordParse parse) => (seenOnly ??= []).Add(parse);

    /// <summary>True the first time a prediction with this form, tag and paradigm is offered (pymorphy2's reduced_parse).</summary>
    public bool IsNewPrediction(WordParse parse)
    {
        predictions ??= [];
        foreach (var other in predictions)
        {
            if (other.Word == parse.Word && other.Tag == parse.Tag && other.Origin.LexemeIdentity == parse.Origin.LexemeIdentity)
            {
                return false;
            }
        }

        predictions.Add(parse);
        return true;
    }

    private static bool Seen(List<WordParse> parses, WordParse parse)
    {
        foreach (var other in parses)
        {
            if (other.Word == parse.Word && other.Tag == parse.Tag && other.Lemma == parse.Lemma)
            {
                return true;
            }
        }

        return false;
    }
}
