using Typeset.Cleanup;
using Typeset.Cleanup.Spelling;
using Typeset.Interop.Hunspell;
using Typeset.Tests.Morphology;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup.Spelling;

public sealed class CorrectionCandidatesTests : IDisposable
{
    private readonly HunspellDictionary hunspell = HunspellDictionary.Open();
    private readonly CorrectionCandidates candidates;

    public CorrectionCandidatesTests() =>
        candidates = new CorrectionCandidates(new Lexicon(hunspell, MorphologyData.Analyzer),
            OcrErrorModel.Load(Path.Combine(TestPaths.RepositoryRoot, "dictionaries", "ocr-confusions.tsv")));

    public void Dispose() => hunspell.Dispose();

    [Fact]
    public void A_misread_word_gets_its_dictionary_word()
    {
        Assert.Contains(candidates.For("прнказ"), c => c.Word == "приказ");
        Assert.Contains(candidates.For("ввойну"), c => c.Word == "в войну");
    }

    [Fact]
    public void A_letter_read_as_two_is_read_back()
    {
        Assert.Equal("хорошо", candidates.For("хоропто")[0].Word);
        Assert.Equal("слышишь", candidates.For("слыпiишь".Replace('i', 'т'))[0].Word);
    }

    [Fact]
    public void A_word_the_editor_added_is_a_candidate_though_no_dictionary_knows_it()
    {
        Assert.DoesNotContain(candidates.For("гоминьданввец"), c => c.Word == "гоминьдановец");
        hunspell.Add("гоминьдановец");
        Assert.Contains(candidates.For("гоминьданввец"), c => c.Word == "гоминьдановец");
    }

    /// <summary>
    /// Candidates grow with the length (about 70 a letter, each a walk of the word graph): a "word" past the cap gets
    /// none at all, so a 10,000-letter run of glued text costs nothing; a word at the cap still gets its search.
    /// </summary>
    [Fact]
    public void A_word_longer_than_any_russian_word_gets_no_candidates()
    {
        var random = new Random(7);
        var letters = "абвгдежзийклмнопрстуфхцчшщыьэюя";
        var garbage = new string(Enumerable.Range(0, 10_000).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        Assert.Empty(candidates.For(garbage));
        Assert.Empty(candidates.For(garbage[..(CorrectionCandidates.MaximumWordLength + 1)]));
        Assert.Contains(candidates.For("высокопревосходительствоо"), c => c.Word == "высокопревосходительство");
    }
}
