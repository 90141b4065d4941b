using Typeset.Interop.Hunspell;
using Typeset.Morphology;

namespace Typeset.Cleanup;

/// <summary>
/// The Russian words cleanup trusts: Hunspell's ru_RU (with the editor's words) or OpenCorpora's dictionary (about
/// five million forms: ненормативной, неподдерживаемых, сгенерированные, which Hunspell lacks). A form OpenCorpora
/// knows only as a proper name (Ках, Ия) is a word only when it is capitalised, so a lower-case OCR error such as
/// "ках" stays an error.
/// </summary>
public sealed class Lexicon(HunspellDictionary hunspell, MorphAnalyzer morphology)
{
    private static readonly GrammemeSet FunctionWordClasses = GrammemeSet.Of(Grammeme.Prep, Grammeme.Conj, Grammeme.Prcl, Grammeme.Npro, Grammeme.Apro);

    public HunspellDictionary Hunspell => hunspell;

    public MorphAnalyzer Morphology => morphology;

    /// <summary>A word form either dictionary knows (case as written: a proper name's form only when capitalised).</summary>
    public bool IsWord(string word)
    {
        if (word.Length == 0 || word.Length > MorphAnalyzer.MaxWordLength)
        {
            return false;
        }

        if (hunspell.Spell(word))
        {
            return true;
        }

        if (!morphology.IsKnown(word))
        {
            return false;
        }

        var capitalised = char.IsUpper(word[0]);
        foreach (var parse in morphology.Analyze(word))
        {
            if (parse.IsKnown && (capitalised || !parse.Tag.IsProper) && !parse.Tag.Has(Grammeme.Erro) && !parse.Tag.Has(Grammeme.Dist))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An everyday word rather than a rare, archaic or dialect form: Hunspell's smaller ru_RU list has it, or OpenCorpora
    /// has it unmarked. No freely licensed Russian frequency list is served here, so this stands in for one (ranking
    /// evidence, not a verdict).
    /// </summary>
    public bool IsCommon(string word)
    {
        if (word.Length == 0 || word.Length > MorphAnalyzer.MaxWordLength)
        {
            return false;
        }

        var lower = word.ToLowerInvariant();
        return hunspell.Spell(lower) || morphology.IsCorpusWord(lower);
    }

    /// <summary>A preposition, conjunction, particle or pronoun: the short, frequent words OCR glues to their neighbours.</summary>
    public bool IsFunctionWord(string word) =>
        word.Length <= 6 && morphology.Analyze(word).Any(p => p.IsKnown && p.Tag.Grammemes.Overlaps(FunctionWordClasses));

    /// <summary>The form is a name (a person's, a place's) and nothing else in OpenCorpora.</summary>
    public bool IsOnlyProperName(string word)
    {
        var parses = morphology.Analyze(word);
        return parses.Any(p => p.IsKnown) && parses.Where(p => p.IsKnown).All(p => p.Tag.IsProper);
    }
}
