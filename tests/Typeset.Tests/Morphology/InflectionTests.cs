using Typeset.Morphology;

namespace Typeset.Tests.Morphology;

/// <summary>Lexemes and inflection, with pymorphy2's own examples (tests/test_inflection.py, tests/test_lexemes.py).</summary>
public class InflectionTests
{
    private static MorphAnalyzer Analyzer => MorphologyData.Analyzer;

    [Theory]
    [InlineData("суслик", "datv", "суслику")]
    [InlineData("суслики", "datv", "сусликам")]
    [InlineData("сусликов", "datv", "сусликам")]
    [InlineData("суслика", "datv", "суслику")]
    [InlineData("суслик", "datv,plur", "сусликам")]
    [InlineData("бутявка", "datv", "бутявке")]
    [InlineData("бутявок", "datv", "бутявкам")]
    [InlineData("гуляю", "past", "гулял")]
    [InlineData("гулял", "pres", "гуляю")]
    [InlineData("гулял", "INFN", "гулять")]
    [InlineData("гулял", "GRND", "гуляв")]
    [InlineData("гулял", "PRTF", "гулявший")]
    [InlineData("гуляла", "PRTF", "гулявшая")]
    [InlineData("гуляю", "PRTF,datv", "гуляющему")]
    [InlineData("гулявший", "VERB", "гулял")]
    [InlineData("гулявший", "VERB,femn", "гуляла")]
    [InlineData("иду", "2per", "идёшь")]
    [InlineData("иду", "2per,plur", "идёте")]
    [InlineData("иду", "3per", "идёт")]
    [InlineData("иду", "3per,plur", "идут")]
    [InlineData("иду", "impr,excl", "иди")]
    [InlineData("киев", "loct", "киеве")]
    [InlineData("слабый", "accs,inan", "слабый")]
    [InlineData("слабый", "accs,anim", "слабого")]
    [InlineData("быстрый", "COMP", "быстрее")]
    [InlineData("хорошая", "COMP", "лучше")]
    [InlineData("скажи-ка", "futr", "скажу-ка")]
    [InlineData("орел", "gent", "орла")]
    [InlineData("заснеженный", "gent", "заснеженного")]
    [InlineData("ведро", "gent", "ведра")]
    // The second genitive and locative where the word has them; the usual case where it has not.
    [InlineData("снег", "gent", "снега")]
    [InlineData("снег", "gen2", "снегу")]
    [InlineData("лес", "loct", "лесе")]
    [InlineData("лес", "loc2", "лесу")]
    [InlineData("Боря", "voct", "борь")]
    [InlineData("валенок", "gen2,sing", "валенка")]
    [InlineData("велосипед", "loc2", "велосипеде")]
    [InlineData("хомяк", "voct", "хомяк")]
    [InlineData("Геннадий", "voct", "геннадий")]
    public void The_first_reading_that_has_the_form_gives_it(string word, string grammemes, string expected)
    {
        var required = Tag.Parse(grammemes).Grammemes;

        var inflected = Analyzer.Analyze(word).Select(p => p.Inflect(required)).FirstOrDefault(p => p is not null);

        Assert.NotNull(inflected);
        Assert.Equal(expected, inflected.Word);
    }

    [Fact]
    public void A_form_the_lexeme_lacks_is_null()
    {
        var noun = Analyzer.Analyze("стол").First(p => p.Tag.Has(Grammeme.Noun));

        Assert.Null(noun.Inflect(Grammeme.Past));
        Assert.Null(noun.Inflect(Grammeme.Femn));
    }

    [Theory]
    [InlineData("кот", "кот кота коту кота котом коте коты котов котам котов котами котах")]
    [InlineData("он", "он его него ему нему его него им ним нём")]
    [InlineData("он-то", "он-то его-то него-то ему-то нему-то его-то него-то им-то ним-то нём-то")]
    [InlineData("лжекот", "лжекот лжекота лжекоту лжекота лжекотом лжекоте лжекоты лжекотов лжекотам лжекотов лжекотами лжекотах")]
    [InlineData("экс-лжекот", "экс-лжекот экс-лжекота экс-лжекоту экс-лжекота экс-лжекотом экс-лжекоте экс-лжекоты экс-лжекотов экс-лжекотам экс-лжекотов экс-лжекотами экс-лжекотах")]
    [InlineData("буропёс", "буропёс буропса буропсу буропса буропсом буропсе буропсы буропсов буропсам буропсов буропсами буропсах")]
    [InlineData("кот-маг", "кот-маг кота-мага коту-магу кота-мага котом-магом коте-маге коты-маги котов-магов котам-магам котов-магов котами-магами котах-магах")]
    [InlineData("команда-участница", "команда-участница команды-участницы команде-участнице команду-участницу командой-участницей командою-участницею команде-участнице команды-участницы команд-участниц командам-участницам команды-участниц командами-участницами командах-участницах")]
    [InlineData("йотка", "йотка йотки йотке йотку йоткой йоткою йотке йотки йоток йоткам йотки йотками йотках")]
    [InlineData("кото-пёс", "кото-пёс кото-пса кото-псу кото-пса кото-псом кото-псе кото-псы кото-псов кото-псам кото-псов кото-псами кото-псах")]
    [InlineData("кото-псевдопёс", "кото-псевдопёс кото-псевдопса кото-псевдопсу кото-псевдопса кото-псевдопсом кото-псевдопсе кото-псевдопсы кото-псевдопсов кото-псевдопсам кото-псевдопсов кото-псевдопсами кото-псевдопсах")]
    public void The_lexeme_of_the_first_reading_lists_every_form_lemma_first(string word, string forms)
    {
        var lexeme = Analyzer.Analyze(word)[0].Lexeme;

        Assert.Equal(forms.Split(' '), lexeme.Select(f => f.Word));
        Assert.All(lexeme, f => Assert.Equal(lexeme[0].Word, f.Lemma));
    }

    [Theory]
    [InlineData("стол", 1, "стол")]
    [InlineData("стол", 2, "стола")]
    [InlineData("стол", 5, "столов")]
    [InlineData("стол", 21, "стол")]
    [InlineData("стол", 12, "столов")]
    [InlineData("книга", 3, "книги")]
    [InlineData("книга", 25, "книг")]
    [InlineData("новая", 2, "новые")]
    [InlineData("новый", 2, "новых")]
    [InlineData("новый", 5, "новых")]
    public void Words_agree_with_numbers(string word, long number, string expected)
    {
        var parse = Analyzer.Analyze(word).First(p => p.Tag.Has(Grammeme.Nomn));

        Assert.Equal(expected, parse.AgreeWithNumber(number)?.Word);
    }

    [Fact]
    public void Forms_of_one_lexeme_are_told_from_forms_of_a_homonym()
    {
        var verb = Analyzer.Analyze("стали").First(p => p.Lemma == "стать");
        var noun = Analyzer.Analyze("стали").First(p => p.Lemma == "сталь");

        Assert.True(noun.IsSameLexeme(Analyzer.Analyze("сталью").First(p => p.Tag.Has(Grammeme.Ablt))));
        Assert.True(verb.IsSameLexeme(Analyzer.Analyze("стану")[0]));
        Assert.False(verb.IsSameLexeme(noun));
        Assert.Equal("сталь", noun.Normalized.Word);
        Assert.Equal(Tag.Parse("NOUN,inan,femn sing,nomn"), noun.Normalized.Tag);
    }

    [Theory]
    [InlineData("новой", "книги", true)]
    [InlineData("новый", "книги", false)]
    [InlineData("новые", "книги", true)]
    [InlineData("круглый", "сирота", true)]
    [InlineData("круглая", "сирота", true)]
    [InlineData("круглое", "сирота", false)]
    [InlineData("густом", "лесу", true)]
    [InlineData("густым", "лесу", false)]
    public void An_adjective_agrees_with_a_noun_when_some_pair_of_readings_agrees(string adjective, string noun, bool agree)
    {
        var categories = new[] { GrammemeCategory.Gender, GrammemeCategory.Number, GrammemeCategory.Case };

        var found = Analyzer.Analyze(adjective).Where(a => a.Tag.Has(Grammeme.Adjf))
            .Any(a => Analyzer.Analyze(noun).Where(n => n.Tag.Has(Grammeme.Noun)).Any(n => a.Tag.AgreesWith(n.Tag, categories)));

        Assert.Equal(agree, found);
    }

    [Fact]
    public void A_word_inside_a_line_is_read_from_its_span()
    {
        var line = "Войска стали наступать";

        var parses = Analyzer.Analyze(line.AsSpan(7, 5));

        Assert.Same(Analyzer.Analyze("стали"), parses);
    }

    /// <summary>
    /// Round trip over the real text of the sample book: every form of every dictionary lexeme read there is itself a
    /// dictionary form with that lemma and tag, and inflecting any reading to a form's grammemes finds a form with them.
    /// </summary>
    [Fact]
    public void Every_form_of_a_lexeme_read_from_the_sample_book_reads_back_to_its_lemma_and_tag()
    {
        var words = MorphologyData.SampleTokens()
            .Where(w => w.All(char.IsLetter) && w.Length > 1)
            .Select(w => w.ToLowerInvariant())
            .Distinct()
            .Take(600)
            .ToArray();
        Assert.True(words.Length > 500, $"only {words.Length} words");

        var checkedForms = 0;
        foreach (var word in words)
        {
            foreach (var parse in Analyzer.Analyze(word).Where(p => p.IsKnown))
            {
                foreach (var form in parse.Lexeme)
                {
                    var readings = Analyzer.Analyze(form.Word);
                    Assert.True(readings.Any(r => r.IsKnown && r.Tag == form.Tag && r.Lemma == parse.Lemma),
                        $"{word} → {form.Word} {form.Tag}: read back as {string.Join("; ", readings)}");
                    var inflected = parse.Inflect(form.Tag.Grammemes);
                    Assert.NotNull(inflected);
                    Assert.True(inflected.Tag.HasAll(form.Tag.Grammemes), $"{word} → {form.Tag}: inflected to {inflected}");
                    checkedForms++;
                }
            }
        }

        Assert.True(checkedForms > 10_000, $"{checkedForms} forms");
    }
}
