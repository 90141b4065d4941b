using Typeset.Morphology;

namespace Typeset.Tests.Morphology;

public class TagTests
{
    [Fact]
    public void A_tag_is_its_set_of_grammemes_whatever_the_order_or_separators()
    {
        var written = Tag.Parse("NOUN,anim,masc sing,gent");
        var shuffled = Tag.Parse("gent,sing masc NOUN,anim");

        Assert.Equal(written, shuffled);
        Assert.Equal(written.GetHashCode(), shuffled.GetHashCode());
        Assert.NotEqual(written, Tag.Parse("NOUN,anim,masc sing,datv"));
        Assert.Equal(new Tag(Grammeme.Noun, Grammeme.Anim, Grammeme.Masc, Grammeme.Sing, Grammeme.Gent), written);
    }

    [Fact]
    public void Categories_are_read_from_the_grammemes()
    {
        var verb = Tag.Parse("VERB,perf,intr plur,past,indc");

        Assert.Equal(Grammeme.Verb, verb.PartOfSpeech);
        Assert.Equal(Grammeme.Perf, verb.Aspect);
        Assert.Equal(Grammeme.Intr, verb.Transitivity);
        Assert.Equal(Grammeme.Plur, verb.Number);
        Assert.Equal(Grammeme.Past, verb.Tense);
        Assert.Equal(Grammeme.Indc, verb.Mood);
        Assert.Null(verb.Case);
        Assert.Null(verb.Gender);
        Assert.Null(verb.Person);

        var noun = Tag.Parse("NOUN,inan,masc,Geox sing,loc2");
        Assert.Equal(Grammeme.Loc2, noun.Case);
        Assert.Equal(Grammeme.Loct, noun.Case!.Value.CommonCase());
        Assert.Equal(Grammeme.Inan, noun.Animacy);
        Assert.True(noun.IsProper);
        Assert.True(noun.HasAll(Grammeme.Noun, Grammeme.Geox));
        Assert.False(noun.Has(Grammeme.Anim));
    }

    [Fact]
    public void Tokens_that_are_not_words_have_no_part_of_speech()
    {
        Assert.Null(Tag.Parse("NUMB,intg").PartOfSpeech);
        Assert.True(Tag.Parse("LATN").IsUnknown);
        Assert.False(Tag.Parse("ADVB").IsUnknown);
    }

    [Fact]
    public void Pronouns_prepositions_and_conjunctions_are_not_productive()
    {
        Assert.False(Tag.Parse("NPRO,femn,3per,Anph sing,datv").IsProductive);
        Assert.False(Tag.Parse("PREP").IsProductive);
        Assert.True(Tag.Parse("NOUN,inan,femn sing,nomn").IsProductive);
    }

    [Fact]
    public void An_unknown_grammeme_is_named()
    {
        var error = Assert.Throws<FormatException>(() => Tag.Parse("NOUN,foo sing"));

        Assert.Contains("\"foo\"", error.Message);
    }

    [Fact]
    public void Every_grammeme_has_a_name_that_reads_back_to_it()
    {
        foreach (var grammeme in Enum.GetValues<Grammeme>())
        {
            Assert.Equal(grammeme, Grammemes.Parse(grammeme.Name()));
            Assert.False(string.IsNullOrEmpty(grammeme.RussianName()));
        }

        Assert.Equal("1per", Grammeme.Per1.Name());
        Assert.Equal("Ms-f", Grammeme.MsF.Name());
        Assert.Equal("рд", Grammeme.Gent.RussianName());
        Assert.Equal("СУЩ,од,мр,ед,рд", Tag.Parse("NOUN,anim,masc sing,gent").ToRussianString());
    }

    [Theory]
    [InlineData("NOUN,inan,masc sing,nomn", 1, "sing,nomn")]
    [InlineData("NOUN,inan,masc sing,nomn", 2, "sing,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 4, "sing,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 5, "plur,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 11, "plur,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 12, "plur,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 21, "sing,nomn")]
    [InlineData("NOUN,inan,masc sing,nomn", 22, "sing,gent")]
    [InlineData("NOUN,inan,masc sing,nomn", 111, "plur,gent")]
    [InlineData("NOUN,inan,masc sing,accs", 1, "sing,accs")]
    [InlineData("NOUN,inan,masc sing,datv", 5, "plur,datv")]
    [InlineData("NOUN,inan,masc sing,datv", 1, "sing,datv")]
    [InlineData("ADJF,Qual femn,sing,nomn", 2, "plur,nomn")]
    [InlineData("ADJF,Qual masc,sing,nomn", 2, "plur,gent")]
    [InlineData("VERB,perf,intr plur,past,indc", 5, "")]
    public void Numeral_agreement_gives_the_number_and_case_a_word_needs(string tag, long number, string expected)
    {
        var required = Tag.Parse(tag).NumeralAgreement(number);

        Assert.Equal(expected.Length == 0 ? GrammemeSet.Empty : Tag.Parse(expected).Grammemes, required);
    }

    [Fact]
    public void An_updated_tag_replaces_grammemes_of_the_same_category_and_drops_gender_in_the_plural()
    {
        var adjective = Tag.Parse("ADJF,Qual masc,sing,nomn");

        var plural = adjective.Updated(GrammemeSet.Of(Grammeme.Plur, Grammeme.Gent));

        Assert.Equal(Tag.Parse("ADJF,Qual plur,gent").Grammemes, plural);
        Assert.Equal(Tag.Parse("ADJF,Qual femn,sing,datv").Grammemes, adjective.Updated(GrammemeSet.Of(Grammeme.Femn, Grammeme.Datv)));
    }

    [Fact]
    public void A_grammeme_set_enumerates_and_combines_without_loss()
    {
        var set = GrammemeSet.Of(Grammeme.Noun, Grammeme.Unkn, Grammeme.Gent);

        Assert.Equal(3, set.Count);
        Assert.Equal([Grammeme.Noun, Grammeme.Gent, Grammeme.Unkn], Enumerate(set));
        Assert.True(set.ContainsAll(GrammemeSet.Of(Grammeme.Unkn, Grammeme.Noun)));
        Assert.False(set.ContainsAll(GrammemeSet.Of(Grammeme.Unkn, Grammeme.Datv)));
        Assert.Equal(GrammemeSet.Of(Grammeme.Noun), set.Except(GrammemeSet.Of(Grammeme.Gent, Grammeme.Unkn)));
        Assert.Equal(Grammeme.Gent, set.Get(GrammemeCategory.Case));
        Assert.Equal(2, set.SymmetricExcept(GrammemeSet.Of(Grammeme.Noun, Grammeme.Unkn, Grammeme.Datv)).Count);
    }

    private static List<Grammeme> Enumerate(GrammemeSet set)
    {
        var list = new List<Grammeme>();
        foreach (var grammeme in set)
        {
            list.Add(grammeme);
        }

        return list;
    }
}
