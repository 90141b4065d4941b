using Typeset.Interop.Hunspell;

namespace Typeset.Tests.Interop.Hunspell;

public class HunspellDictionaryTests
{
    [Fact]
    public void Knows_russian_words_in_their_case_forms_and_rejects_nonwords()
    {
        using var dictionary = HunspellDictionary.Open();

        Assert.Equal("UTF-8", dictionary.Encoding);
        Assert.True(dictionary.Spell("государственный"));
        Assert.True(dictionary.Spell("государственного"));
        Assert.True(dictionary.Spell("отказался"));
        Assert.False(dictionary.Spell("отказлся"));
        Assert.False(dictionary.Spell("сударственный"));
    }

    [Fact]
    public void Suggests_the_intended_word_for_a_dropped_letter()
    {
        using var dictionary = HunspellDictionary.Open();

        Assert.Contains("отказался", dictionary.Suggest("отказлся"));
    }

    [Fact]
    public void Stems_an_inflected_form()
    {
        using var dictionary = HunspellDictionary.Open();

        Assert.Contains("армия", dictionary.Stem("армии"));
    }

    [Fact]
    public void Added_words_are_accepted_for_the_session()
    {
        using var dictionary = HunspellDictionary.Open();
        Assert.False(dictionary.Spell("Цзолинь"));

        dictionary.Add("Цзолинь");

        Assert.True(dictionary.Spell("Цзолинь"));
    }

    [Fact]
    public void Is_safe_to_call_from_many_threads()
    {
        using var dictionary = HunspellDictionary.Open();
        var words = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "армия" + (i % 7) : "война").ToArray();

        var results = words.AsParallel().Select(dictionary.Spell).ToArray();

        Assert.Equal(words.Select(w => w == "война"), results);
    }

    [Fact]
    public void A_missing_dictionary_is_reported_with_the_package_to_install()
    {
        var error = Assert.Throws<FileNotFoundException>(() => HunspellDictionary.Open("xx_XX"));

        Assert.Contains("install hunspell-ru", error.Message);
    }
}
