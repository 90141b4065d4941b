namespace Typeset.Morphology;

/// <summary>
/// The grammatical description of one word form (pymorphy2's OpencorporaTag): part of speech, case, number, gender,
/// person, tense… A small value: equal tags are equal values, whatever the order their grammemes were written in.
/// </summary>
public readonly struct Tag : IEquatable<Tag>
{
    private static readonly GrammemeSet NonProductive = GrammemeSet.Of(
        Grammeme.Numr, Grammeme.Npro, Grammeme.Pred, Grammeme.Prep, Grammeme.Conj, Grammeme.Prcl, Grammeme.Intj, Grammeme.Apro);

    private static readonly GrammemeSet Proper = GrammemeSet.Of(
        Grammeme.Name, Grammeme.Surn, Grammeme.Patr, Grammeme.Geox, Grammeme.Orgn, Grammeme.Trad, Grammeme.Init);

    /// <summary>The tags of the last dictionary loaded and how it spells them ("NOUN,inan,femn sing,gent"), for display.</summary>
    private static (Tag[] Tags, string[] Texts)? spellings;

    public Tag(GrammemeSet grammemes) => Grammemes = grammemes;

    public Tag(params ReadOnlySpan<Grammeme> grammemes) => Grammemes = GrammemeSet.Of(grammemes);

    public GrammemeSet Grammemes { get; }

    /// <summary>NOUN, ADJF, VERB…; null for numbers, Latin, punctuation and unknown tokens (as in pymorphy2).</summary>
    public Grammeme? PartOfSpeech => Grammemes.Get(GrammemeCategory.PartOfSpeech);

    public Grammeme? Animacy => Grammemes.Get(GrammemeCategory.Animacy);

    /// <summary>masc, femn or neut; null for plural forms, which have none (common gender is <see cref="Grammeme.MsF"/>).</summary>
    public Grammeme? Gender => Grammemes.Get(GrammemeCategory.Gender);

    public Grammeme? Number => Grammemes.Get(GrammemeCategory.Number);

    public Grammeme? Case => Grammemes.Get(GrammemeCategory.Case);

    public Grammeme? Aspect => Grammemes.Get(GrammemeCategory.Aspect);

    public Grammeme? Transitivity => Grammemes.Get(GrammemeCategory.Transitivity);

    public Grammeme? Person => Grammemes.Get(GrammemeCategory.Person);

    public Grammeme? Tense => Grammemes.Get(GrammemeCategory.Tense);

    public Grammeme? Mood => Grammemes.Get(GrammemeCategory.Mood);

    public Grammeme? Involvement => Grammemes.Get(GrammemeCategory.Involvement);

    public Grammeme? Voice => Grammemes.Get(GrammemeCategory.Voice);

    public bool Has(Grammeme grammeme) => Grammemes.Contains(grammeme);

    public bool HasAll(params ReadOnlySpan<Grammeme> grammemes) => Grammemes.ContainsAll(GrammemeSet.Of(grammemes));

    public bool HasAll(GrammemeSet grammemes) => Grammemes.ContainsAll(grammemes);

    /// <summary>A word class that new words join (not a pronoun, numeral, preposition, conjunction, particle, interjection, predicative).</summary>
    public bool IsProductive => !Grammemes.Overlaps(NonProductive);

    /// <summary>A person's first name, surname or patronymic, a place, an organisation, a trade mark or an initial.</summary>
    public bool IsProper => Grammemes.Overlaps(Proper);

    /// <summary>Not a word form of any part of speech: a number, Latin, punctuation or an unknown token.</summary>
    public bool IsUnknown => PartOfSpeech is null;

    /// <summary>
    /// This form and <paramref name="other"/> agree in every category of <paramref name="categories"/>: where both
    /// express the category they have the same grammeme, a rare case counting as the usual one (в лесу is locative) and
    /// a noun of common gender (Ms-f: круглый/круглая сирота) as any gender. A category only one of them expresses does not count against them.
    /// Adjective with noun: <c>AgreesWith(noun, Gender, Number, Case)</c>; a plural form has no gender.
    /// </summary>
    public bool AgreesWith(Tag other, params ReadOnlySpan<GrammemeCategory> categories)
    {
        foreach (var category in categories)
        {
            var mine = Grammemes.Get(category);
            var theirs = other.Grammemes.Get(category);
            if (mine is null || theirs is null)
            {
                continue;
            }

            if (category == GrammemeCategory.Gender && (Has(Grammeme.MsF) || other.Has(Grammeme.MsF)))
            {
                // Common gender: masculine or feminine agreement, never neuter.
                if (mine == Grammeme.Neut || theirs == Grammeme.Neut)
                {
                    return false;
                }

                continue;
            }

            if (category == GrammemeCategory.Case ? mine.Value.CommonCase() != theirs.Value.CommonCase() : mine != theirs)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The grammemes a form of this word must have after the number <paramref name="number"/> (pymorphy2's
    /// numeral_agreement_grammemes): один стол, два стола, пять столов; две новые книги, пять новых. Empty for
    /// words that do not agree with numerals.
    /// </summary>
    public GrammemeSet NumeralAgreement(long number)
    {
        number = Math.Abs(number);
        var index = number % 10 == 1 && number % 100 != 11 ? 0
            : number % 10 is >= 2 and <= 4 && (number % 100 < 10 || number % 100 >= 20) ? 1
            : 2;
        var pos = PartOfSpeech;
        if (pos is not (Grammeme.Noun or Grammeme.Adjf or Grammeme.Prtf))
        {
            return GrammemeSet.Empty;
        }

        if (pos == Grammeme.Noun && Case is { } nounCase && nounCase is not (Grammeme.Nomn or Grammeme.Accs))
        {
            return GrammemeSet.Of(index == 0 ? Grammeme.Sing : Grammeme.Plur, nounCase);
        }

        return index switch
        {
            0 => GrammemeSet.Of(Grammeme.Sing, Case == Grammeme.Nomn ? Grammeme.Nomn : Grammeme.Accs),
            1 when pos == Grammeme.Noun => GrammemeSet.Of(Grammeme.Sing, Grammeme.Gent),
            1 when Gender == Grammeme.Femn => GrammemeSet.Of(Grammeme.Plur, Grammeme.Nomn),
            _ => GrammemeSet.Of(Grammeme.Plur, Grammeme.Gent),
        };
    }

    /// <summary>
    /// This tag's grammemes with <paramref name="required"/> put in: each required grammeme replaces the others of its
    /// category, and the plural drops gender (pymorphy2's updated_grammemes). What an inflected form should look like.
    /// </summary>
    public GrammemeSet Updated(GrammemeSet required)
    {
        var result = Grammemes;
        foreach (var grammeme in required)
        {
            var category = grammeme.Category();
            if (category != GrammemeCategory.None)
            {
                result = result.Except(GrammemeSet.OfCategory(category));
            }

            // A stated gender or animacy replaces "not expressed".
            result = category switch
            {
                GrammemeCategory.Gender => result.Without(Grammeme.GNdr),
                GrammemeCategory.Animacy => result.Without(Grammeme.ANim),
                _ => result,
            };

            if (grammeme == Grammeme.Plur)
            {
                result = result.Except(GrammemeSet.OfCategory(GrammemeCategory.Gender)).Without(Grammeme.MsF).Without(Grammeme.GNdr);
            }
        }

        return result.Union(required);
    }

    /// <summary>Parses OpenCorpora's notation: grammeme names separated by commas or spaces ("NOUN,anim,masc sing,nomn").</summary>
    public static Tag Parse(string text) =>
        TryParse(text, out var tag, out var unknown) ? tag : throw new FormatException($"\"{text}\": unknown grammeme \"{unknown}\"");

    public static bool TryParse(ReadOnlySpan<char> text, out Tag tag, out string? unknownGrammeme)
    {
        var set = GrammemeSet.Empty;
        unknownGrammeme = null;
        foreach (var range in text.SplitAny(", "))
        {
            var name = text[range];
            if (name.IsEmpty)
            {
                continue;
            }

            if (!Morphology.Grammemes.TryParse(name, out var grammeme))
            {
                unknownGrammeme = name.ToString();
                tag = default;
                return false;
            }

            set = set.With(grammeme);
        }

        tag = new Tag(set);
        return true;
    }

    /// <summary>
    /// OpenCorpora's notation. A tag the dictionary has is written as the dictionary writes it, its lexeme's grammemes
    /// before the space and the form's after ("NOUN,anim,masc sing,nomn"); any other tag comma-separated, part of speech first.
    /// </summary>
    public override string ToString()
    {
        // A linear search of a few thousand tags: ToString is for messages and logs, and this costs the load nothing.
        if (spellings is var (tags, texts))
        {
            var index = Array.IndexOf(tags, this);
            if (index >= 0)
            {
                return texts[index];
            }
        }

        return Grammemes.ToString();
    }

    internal static void RememberSpellings(Tag[] tags, string[] texts) => spellings = (tags, texts);

    /// <summary>The same with OpenCorpora's Russian abbreviations, for editors: "СУЩ,од,мр,ед,им".</summary>
    public string ToRussianString() => string.Join(",", Names(Grammemes, russian: true));

    private static List<string> Names(GrammemeSet set, bool russian)
    {
        var names = new List<string>(set.Count);
        foreach (var grammeme in set)
        {
            names.Add(russian ? grammeme.RussianName() : grammeme.Name());
        }

        return names;
    }

    public bool Equals(Tag other) => Grammemes == other.Grammemes;

    public override bool Equals(object? obj) => obj is Tag other && Equals(other);

    public override int GetHashCode() => Grammemes.GetHashCode();

    public static bool operator ==(Tag left, Tag right) => left.Equals(right);

    public static bool operator !=(Tag left, Tag right) => !left.Equals(right);
}
