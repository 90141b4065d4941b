namespace Typeset.Morphology;

/// <summary>Which analyzer unit produced a parse (pymorphy2's methods_stack, outermost unit).</summary>
public enum ParseMethod : byte
{
    /// <summary>The form is in the dictionary as it is (ё may have been restored).</summary>
    Dictionary,

    /// <summary>A single capital letter read as an initial (first name or patronymic).</summary>
    Initial,
    Number,
    Punctuation,
    RomanNumber,
    Latin,

    /// <summary>A word with a particle after a hyphen: смотри-ка, кто-то (the particle is kept in word and lemma).</summary>
    HyphenParticle,

    /// <summary>по- and an adjective's dative: по-западному.</summary>
    HyphenAdverb,

    /// <summary>An unchanging first part and an inflected second one: интернет-магазина.</summary>
    HyphenatedFixedLeft,

    /// <summary>Both parts inflected alike: команд-участниц.</summary>
    HyphenatedBoth,

    /// <summary>A known prefix before a dictionary word: псевдокошка.</summary>
    KnownPrefix,

    /// <summary>One to five unknown letters before a dictionary word: байткод.</summary>
    UnknownPrefix,

    /// <summary>Predicted from the ending, by analogy with dictionary words: бутявка.</summary>
    SuffixPrediction,
    Unknown,
}

/// <summary>
/// One reading of a word form: the form, its lemma, its tag and how likely this reading is. Immutable and shared
/// (results are cached), and able to give the whole lexeme and any form of it (<see cref="Inflect(GrammemeSet)"/>).
/// </summary>
public sealed class WordParse
{
    private readonly MorphAnalyzer analyzer;
    private readonly ParseOrigin origin;
    private string? lemma;

    internal WordParse(MorphAnalyzer analyzer, string word, Tag tag, double score, ParseMethod method, ParseOrigin origin, string? lemma = null)
    {
        this.analyzer = analyzer;
        Word = word;
        Tag = tag;
        Score = score;
        Method = method;
        this.origin = origin;
        this.lemma = lemma;
    }

    /// <summary>The form in lower case as the dictionary spells it (with ё where the dictionary has it: ежик → ёжик).</summary>
    public string Word { get; }

    public Tag Tag { get; }

    /// <summary>
    /// How likely this reading is among the word's readings (they add up to 1): P(tag | word) from OpenCorpora's
    /// annotated corpus when it has seen the word (0 for a reading the corpus never showed), otherwise the unit's estimate.
    /// </summary>
    public double Score { get; internal set; }

    public ParseMethod Method { get; }

    /// <summary>The form is a dictionary word form as it is, not a guess.</summary>
    public bool IsKnown => Method == ParseMethod.Dictionary;

    /// <summary>The dictionary form (pymorphy2's normal form): nominative singular, infinitive…; стали → стать or сталь.</summary>
    public string Lemma => lemma ??= origin.Lemma(this);

    internal ParseOrigin Origin => origin;

    internal MorphAnalyzer Analyzer => analyzer;

    /// <summary>Every form of this word's lexeme with its tag, lemma first; a token that does not inflect is its own lexeme.</summary>
    public IReadOnlyList<WordParse> Lexeme => origin.Lexeme(this);

    /// <summary>The parse of the lemma itself.</summary>
    public WordParse Normalized => Lexeme is [var first, ..] ? first : this;

    /// <summary>Both are forms of one lexeme (same lemma, same paradigm): стали/сталью yes, стали (стать)/сталью no.</summary>
    public bool IsSameLexeme(WordParse other) => origin.LexemeIdentity == other.origin.LexemeIdentity && Lemma == other.Lemma;

    /// <summary>
    /// The form of this lexeme that has every grammeme of <paramref name="required"/> and otherwise stays closest to this
    /// form (pymorphy2's inflect); a rare case the word lacks falls back to the usual one (loc2 → loct, gen2 → gent,
    /// voct → nomn). Null when the lexeme has no such form.
    /// </summary>
    public WordParse? Inflect(GrammemeSet required)
    {
        var lexeme = Lexeme;
        var best = Closest(lexeme, required);
        if (best is null)
        {
            var common = GrammemeSet.Empty;
            foreach (var grammeme in required)
            {
                common = common.With(grammeme.CommonCase());
            }

            if (common != required)
            {
                best = Closest(lexeme, common);
            }
        }

        return best;
    }

    public WordParse? Inflect(params ReadOnlySpan<Grammeme> required) => Inflect(GrammemeSet.Of(required));

    /// <summary>The form that agrees with the number <paramref name="number"/> (один стол, два стола, пять столов).</summary>
    public WordParse? AgreeWithNumber(long number)
    {
        var required = Tag.NumeralAgreement(number);
        return required.IsEmpty ? this : Inflect(required);
    }

    private WordParse? Closest(IReadOnlyList<WordParse> lexeme, GrammemeSet required)
    {
        var wanted = Tag.Updated(required);
        WordParse? best = null;
        var bestSimilarity = double.MinValue;
        foreach (var form in lexeme)
        {
            if (!form.Tag.Grammemes.ContainsAll(required))
            {
                continue;
            }

            var similarity = wanted.Intersect(form.Tag.Grammemes).Count - 0.1 * wanted.SymmetricExcept(form.Tag.Grammemes).Count;
            if (similarity > bestSimilarity)
            {
                best = form;
                bestSimilarity = similarity;
            }
        }

        return best;
    }

    public override string ToString() => $"{Word} ({Lemma}) {Tag} {Score:0.###} {Method}";
}

/// <summary>How a parse's lexeme and lemma are built: from a paradigm, from an inner parse with fixed text around it, from two parses, or fixed.</summary>
internal abstract class ParseOrigin
{
    /// <summary>A number that tells lexemes with the same lemma apart (the paradigm), or -1 when there is none.</summary>
    public virtual int LexemeIdentity => -1;

    /// <summary>The corpus statistics' tag id of this form, when it has one (forms of dictionary paradigms).</summary>
    public virtual int TagId => -1;

    public abstract string Lemma(WordParse parse);

    public abstract IReadOnlyList<WordParse> Lexeme(WordParse parse);
}

/// <summary>Form <see cref="Form"/> of a dictionary paradigm applied to the stem the word has (dictionary words and predictions).</summary>
internal sealed class ParadigmOrigin(OpenCorporaDictionary dictionary, int paradigm, int form) : ParseOrigin
{
    public int Paradigm => paradigm;

    public int Form => form;

    public override int LexemeIdentity => paradigm;

    public override int TagId => dictionary.TagIdOf(paradigm, form);

    public override string Lemma(WordParse parse) => dictionary.LemmaOf(paradigm, form, parse.Word);

    public override IReadOnlyList<WordParse> Lexeme(WordParse parse)
    {
        var stem = dictionary.StemOf(paradigm, form, parse.Word);
        var count = dictionary.FormCount(paradigm);
        var forms = new WordParse[count];
        var lemma = parse.Lemma;
        for (var i = 0; i < count; i++)
        {
            forms[i] = i == form
                ? parse
                : new WordParse(parse.Analyzer, dictionary.FormOf(paradigm, i, stem), dictionary.TagOf(paradigm, i), 1.0, parse.Method,
                    dictionary.OriginOf(paradigm, i), lemma);
        }

        return forms;
    }
}

/// <summary>An inner parse with unchanging text before and after it: псевдо|кошка, интернет-|магазин, смотри|-ка.</summary>
internal sealed class AffixOrigin(WordParse inner, string before, string after) : ParseOrigin
{
    public WordParse Inner => inner;

    public override int LexemeIdentity => inner.Origin.LexemeIdentity;

    public override string Lemma(WordParse parse) => string.Concat(before, inner.Lemma, after);

    public override IReadOnlyList<WordParse> Lexeme(WordParse parse)
    {
        var innerLexeme = inner.Lexeme;
        var forms = new WordParse[innerLexeme.Count];
        for (var i = 0; i < forms.Length; i++)
        {
            var form = innerLexeme[i];
            forms[i] = ReferenceEquals(form, inner)
                ? parse
                : new WordParse(parse.Analyzer, string.Concat(before, form.Word, after), form.Tag, form.Score, parse.Method, new AffixOrigin(form, before, after));
        }

        return forms;
    }
}

/// <summary>Two parses inflected together: кот-маг, котов-магов. The tag is the left part's (as in pymorphy2).</summary>
internal sealed class PairOrigin(WordParse left, WordParse right) : ParseOrigin
{
    private static readonly GrammemeSet Variants = GrammemeSet.Of(Grammeme.VOy, Grammeme.Gen1, Grammeme.Loc1);

    public override int LexemeIdentity => left.Origin.LexemeIdentity * 8192 + right.Origin.LexemeIdentity;

    public override string Lemma(WordParse parse) => string.Concat(left.Lemma, "-", right.Lemma);

    /// <summary>For each form of the right part, the left part's form with the fewest grammemes differing.</summary>
    public override IReadOnlyList<WordParse> Lexeme(WordParse parse)
    {
        var leftLexeme = left.Lexeme;
        var rightLexeme = right.Lexeme;
        var forms = new WordParse[rightLexeme.Count];
        for (var i = 0; i < forms.Length; i++)
        {
            var rightForm = rightLexeme[i];
            var wanted = Comparable(rightForm.Tag.Grammemes);
            WordParse closest = leftLexeme[0];
            var distance = int.MaxValue;
            foreach (var leftForm in leftLexeme)
            {
                var d = Comparable(leftForm.Tag.Grammemes).SymmetricExcept(wanted).Count;
                if (d < distance)
                {
                    distance = d;
                    closest = leftForm;
                }
            }

            forms[i] = ReferenceEquals(closest, left) && ReferenceEquals(rightForm, right)
                ? parse
                : new WordParse(parse.Analyzer, string.Concat(closest.Word, "-", rightForm.Word), closest.Tag, (closest.Score + rightForm.Score) / 2,
                    parse.Method, new PairOrigin(closest, rightForm));
        }

        return forms;
    }

    private static GrammemeSet Comparable(GrammemeSet grammemes)
    {
        if (!grammemes.Overlaps(Variants))
        {
            return grammemes;
        }

        var result = grammemes.Except(Variants);
        if (grammemes.Contains(Grammeme.VOy))
        {
            result = result.With(Grammeme.VEy);
        }

        if (grammemes.Contains(Grammeme.Gen1))
        {
            result = result.With(Grammeme.Gent);
        }

        return grammemes.Contains(Grammeme.Loc1) ? result.With(Grammeme.Loct) : result;
    }
}

/// <summary>A token that does not inflect (numbers, Latin, punctuation, по-адвербы, unknown), or one whose lexeme is a fixed list of tags (initials).</summary>
internal sealed class FixedOrigin(IReadOnlyList<Tag>? lexemeTags = null) : ParseOrigin
{
    public override string Lemma(WordParse parse) => parse.Word;

    public override IReadOnlyList<WordParse> Lexeme(WordParse parse)
    {
        if (lexemeTags is null)
        {
            return [parse];
        }

        return lexemeTags.Select(tag => tag == parse.Tag ? parse : new WordParse(parse.Analyzer, parse.Word, tag, parse.Score, parse.Method, this)).ToArray();
    }
}
