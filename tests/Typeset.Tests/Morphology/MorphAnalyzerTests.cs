using Typeset.Morphology;

namespace Typeset.Tests.Morphology;

/// <summary>
/// Readings checked against pymorphy2's own tests (tests/test_parsing.py) and against the dictionary's data: each
/// dictionary word below was looked up in words.dawg and p_t_given_w.intdawg with an independent reader and with az.
/// </summary>
public class MorphAnalyzerTests
{
    private static MorphAnalyzer Analyzer => MorphologyData.Analyzer;

    public static TheoryData<string, string, string> KnownReadings => new()
    {
        // Nouns, adjectives, superlatives with the наи- paradigm prefix.
        { "кошка", "кошка", "NOUN,anim,femn sing,nomn" },
        { "хорошему", "хороший", "ADJF,Qual masc,sing,datv" },
        { "лучший", "хороший", "ADJF,Supr,Qual masc,sing,nomn" },
        { "наиневероятнейший", "вероятный", "ADJF,Supr,Qual masc,sing,nomn" },
        { "наистарейший", "старый", "ADJF,Supr,Qual masc,sing,nomn" },
        // е for ё.
        { "котенок", "котёнок", "NOUN,anim,masc sing,nomn" },
        { "котёнок", "котёнок", "NOUN,anim,masc sing,nomn" },
        { "озера", "озеро", "NOUN,inan,neut sing,gent" },
        { "озера", "озеро", "NOUN,inan,neut plur,nomn" },
        // A particle after a hyphen.
        { "ей-то", "она-то", "NPRO,femn,3per,Anph sing,datv" },
        { "скажи-ка", "сказать-ка", "VERB,perf,tran sing,impr,excl" },
        { "измохратился-таки", "измохратиться-таки", "VERB,perf,intr masc,sing,past,indc" },
        // Hyphenated words: an unchanging left part, or both parts inflected.
        { "интернет-магазина", "интернет-магазин", "NOUN,inan,masc sing,gent" },
        { "pdf-документов", "pdf-документ", "NOUN,inan,masc plur,gent" },
        { "аммиачно-селитрового", "аммиачно-селитровый", "ADJF,Qual masc,sing,gent" },
        { "быстро-быстро", "быстро-быстро", "ADVB" },
        { "команд-участниц", "команда-участница", "NOUN,inan,femn plur,gent" },
        { "бегает-прыгает", "бегать-прыгать", "VERB,impf,intr sing,3per,pres,indc" },
        { "дул-надувался", "дуть-надуваться", "VERB,impf,tran masc,sing,past,indc" },
        { "почтово-банковский", "почтово-банковский", "ADJF masc,sing,nomn" },
        { "по-прежнему", "по-прежнему", "ADVB" },
        { "поездов-экспрессов", "поезд-экспресс", "NOUN,inan,masc plur,gent" },
        { "подростками-практикантами", "подросток-практикант", "NOUN,anim,masc plur,ablt" },
        { "подводников-североморцев", "подводник-североморец", "NOUN,anim,masc plur,gent" },
        { "залом", "зал", "NOUN,inan,masc sing,ablt" },
        // Places, in the dictionary with their hyphens.
        { "санкт-петербурга", "санкт-петербург", "NOUN,inan,masc,Geox sing,gent" },
        { "ростове-на-дону", "ростов-на-дону", "NOUN,inan,masc,Sgtm,Geox sing,loct" },
        // Adverbs по- + an adjective's dative, not in the dictionary.
        { "по-западному", "по-западному", "ADVB" },
        { "по-театральному", "по-театральному", "ADVB" },
        { "по-воробьиному", "по-воробьиному", "ADVB" },
        { "Ретро-FM", "ретро-fm", "LATN" },
        // Tokens that are not words.
        { ".", ".", "PNCT" },
        { "?!", "?!", "PNCT" },
        { "…", "…", "PNCT" },
        { "—", "—", "PNCT" },
        { "123", "123", "NUMB,intg" },
        { "0", "0", "NUMB,intg" },
        { "123.1", "123.1", "NUMB,real" },
        { "123,1", "123,1", "NUMB,real" },
        { "I", "i", "ROMN" },
        { "MCMLXXXIX", "mcmlxxxix", "ROMN" },
        { "XVIII", "xviii", "ROMN" },
        { "Foo", "foo", "LATN" },
        { "I", "i", "LATN" },
        { "ьё", "ьё", "UNKN" },
        // Abbreviations the dictionary has.
        { "руб", "рубль", "NOUN,inan,masc,Fixd,Abbr plur,gent" },
        { "млн", "миллион", "NOUN,inan,masc,Fixd,Abbr plur,gent" },
        { "тыс", "тысяча", "NOUN,inan,femn,Fixd,Abbr plur,gent" },
        { "ст", "ст", "NOUN,inan,femn,Fixd,Abbr sing,accs" },
    };

    [Theory]
    [MemberData(nameof(KnownReadings))]
    public void Reads_a_word_as_pymorphy2_does(string word, string lemma, string tag) => AssertHasReading(word, lemma, tag);

    [Theory]
    [MemberData(nameof(KnownReadings))]
    public void Reads_a_word_in_capitals_and_title_case_alike(string word, string lemma, string tag)
    {
        AssertHasReading(word.ToUpperInvariant(), lemma, tag);
        AssertHasReading(System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word), lemma, tag);
    }

    private static void AssertHasReading(string word, string lemma, string tag)
    {
        var parses = Analyzer.Analyze(word);
        var expected = Tag.Parse(tag);
        Assert.True(parses.Any(p => p.Lemma == lemma && p.Tag == expected),
            $"{word}: no reading {lemma} {tag} among\n  " + string.Join("\n  ", parses));
    }

    [Fact]
    public void Стали_is_first_the_verb_стать_with_its_corpus_probability_then_the_noun_сталь()
    {
        var parses = Analyzer.Analyze("стали");

        // p_t_given_w.intdawg: стали:VERB,perf,intr plur,past,indc → 983379; the five noun readings 5540 + 4 × 2770.
        var first = parses[0];
        Assert.Equal("стать", first.Lemma);
        Assert.Equal(Tag.Parse("VERB,perf,intr plur,past,indc"), first.Tag);
        Assert.Equal(983379 / 999999.0, first.Score, 4);
        Assert.True(first.IsKnown);
        Assert.Equal(["стать", "сталь"], Analyzer.Lemmas("стали"));
        Assert.Equal(5, parses.Count(p => p.Lemma == "сталь" && p.Tag.Has(Grammeme.Noun)));
        Assert.Equal(1.0, parses.Sum(p => p.Score), 6);
    }

    [Fact]
    public void Люди_has_the_suppletive_lemma_человек()
    {
        var parse = Assert.Single(Analyzer.Analyze("люди"));

        Assert.Equal("человек", parse.Lemma);
        Assert.Equal(Tag.Parse("NOUN,anim,masc plur,nomn"), parse.Tag);
    }

    [Fact]
    public void Е_may_stand_for_ё_but_not_the_other_way_round()
    {
        var parse = Assert.Single(Analyzer.Analyze("ежик"));

        Assert.Equal("ёжик", parse.Word);
        Assert.Equal("ёжик", parse.Lemma);
        Assert.True(Analyzer.IsKnown("ежик"));
        Assert.True(Analyzer.IsKnown("ЁЖИК"));
        Assert.False(Analyzer.IsKnown("ежик", strictYo: true));
        Assert.True(Analyzer.IsKnown("еще"));
        Assert.False(Analyzer.IsKnown("ёще"));
    }

    [Fact]
    public void Озера_is_the_genitive_singular_first_and_also_озёра_in_the_plural()
    {
        var parses = Analyzer.Analyze("озера");

        Assert.Equal("озера", parses[0].Word);
        Assert.Equal(Tag.Parse("NOUN,inan,neut sing,gent"), parses[0].Tag);
        Assert.Contains(parses, p => p.Word == "озёра" && p.Tag == Tag.Parse("NOUN,inan,neut plur,nomn"));
    }

    [Fact]
    public void Proper_names_are_marked_and_read_in_lower_case_too()
    {
        Assert.Contains(Analyzer.Analyze("Москвы"), p => p.Lemma == "москва" && p.Tag.HasAll(Grammeme.Geox, Grammeme.Gent));
        Assert.Contains(Analyzer.Analyze("иванова"), p => p.Lemma == "иванов" && p.Tag.Has(Grammeme.Surn) && p.Tag.IsProper);
        Assert.Contains(Analyzer.Analyze("Петровичем"), p => p.Tag.HasAll(Grammeme.Patr, Grammeme.Ablt));
    }

    [Fact]
    public void A_capital_letter_alone_is_also_an_initial()
    {
        var parses = Analyzer.Analyze("В");

        Assert.Contains(parses, p => p.Lemma == "в" && p.Tag.Has(Grammeme.Prep) && p.IsKnown);
        Assert.Contains(parses, p => p.Method == ParseMethod.Initial && p.Tag.HasAll(Grammeme.Name, Grammeme.Init, Grammeme.Femn, Grammeme.Datv));
        Assert.Contains(parses, p => p.Method == ParseMethod.Initial && p.Tag.HasAll(Grammeme.Patr, Grammeme.Init));
        Assert.DoesNotContain(Analyzer.Analyze("в"), p => p.Method == ParseMethod.Initial);
    }

    [Fact]
    public void An_unknown_word_is_predicted_from_its_ending()
    {
        // Not in the dictionary, and no dictionary word after a short prefix: only the ending speaks.
        Assert.False(Analyzer.IsKnown("йотка"));
        var parses = Analyzer.Analyze("йотка");

        Assert.All(parses, p => Assert.Equal(ParseMethod.SuffixPrediction, p.Method));
        Assert.Equal(Tag.Parse("NOUN,inan,femn sing,nomn"), parses[0].Tag);
        Assert.Equal("йотка", parses[0].Lemma);
        Assert.False(parses[0].IsKnown);

        // A predicted verb: its infinitive, past and present forms.
        var verb = Analyzer.Analyze("выгуглила").First(p => p.Tag.Has(Grammeme.Verb));
        Assert.Equal("выгуглить", verb.Lemma);
        Assert.True(verb.Tag.HasAll(Grammeme.Femn, Grammeme.Sing, Grammeme.Past, Grammeme.Indc));
    }

    [Fact]
    public void Prefixes_known_and_unknown_are_read_through()
    {
        var pseudo = Analyzer.Analyze("псевдокошками")[0];
        Assert.Equal(ParseMethod.KnownPrefix, pseudo.Method);
        Assert.Equal("псевдокошка", pseudo.Lemma);
        Assert.True(pseudo.Tag.HasAll(Grammeme.Plur, Grammeme.Ablt));

        Assert.Contains(Analyzer.Analyze("буропсом"), p => p.Method == ParseMethod.UnknownPrefix && p.Lemma == "буропёс");
    }

    [Fact]
    public void Readings_of_a_word_add_up_to_one_most_likely_first()
    {
        foreach (var word in new[] { "стали", "бутявка", "залом", "Ретро-FM", "В", "по-западному", "йотка" })
        {
            var parses = Analyzer.Analyze(word);
            Assert.Equal(1.0, parses.Sum(p => p.Score), 6);
            Assert.Equal(parses.OrderByDescending(p => p.Score).Select(p => p.Score), parses.Select(p => p.Score));
        }
    }

    [Fact]
    public void Dictionary_forms_are_told_from_nonwords_without_allocating()
    {
        Assert.True(Analyzer.IsKnown("государственного"));
        Assert.True(Analyzer.IsKnown("Отказался"));
        Assert.False(Analyzer.IsKnown("отказлся"));
        Assert.False(Analyzer.IsKnown("сударственный"));
        Assert.False(Analyzer.IsKnown(""));
        Assert.False(Analyzer.IsKnown("pdf"));
        Assert.False(Analyzer.IsKnown(new string('а', 10_000)));

        var analyzer = Analyzer;
        analyzer.IsKnown("государственного");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            analyzer.IsKnown("государственного");
            analyzer.IsKnown("отказлся");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_corpus_statistics_tell_common_forms()
    {
        Assert.True(Analyzer.IsCorpusWord("стали"));
        Assert.True(Analyzer.IsCorpusWord("Года"));
        Assert.False(Analyzer.IsCorpusWord("измохратился"));
    }

    [Fact]
    public void Overlong_tokens_are_not_looked_up_and_still_get_a_reading()
    {
        var monster = string.Concat(Enumerable.Repeat("пере", 2_500));

        var parse = Assert.Single(Analyzer.Analyze(monster));

        Assert.Equal(Tag.Parse("UNKN"), parse.Tag);
        Assert.Equal(Tag.Parse("NUMB,intg"), Assert.Single(Analyzer.Analyze(new string('7', 5_000))).Tag);
    }

    [Fact]
    public void Concurrent_readers_get_the_same_readings_as_one()
    {
        var words = MorphologyData.SampleTokens().Take(3000).ToArray();
        var fresh = MorphAnalyzer.Load(MorphologyData.Folder);
        var expected = words.Select(w => Describe(Analyzer.Analyze(w))).ToArray();

        var actual = new string[words.Length];
        Parallel.For(0, words.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Describe(fresh.Analyze(words[i])));

        Assert.Equal(expected, actual);
    }

    private static string Describe(IReadOnlyList<WordParse> parses) => string.Join("|", parses.Select(p => $"{p.Word} {p.Lemma} {p.Tag} {p.Score:0.000000}"));
}
