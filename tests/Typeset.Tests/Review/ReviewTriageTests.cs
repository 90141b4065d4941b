using Typeset.Edits;
using Typeset.Review;

namespace Typeset.Tests.Review;

public class ReviewTriageTests
{
    private static EditRecord Record(string before, string after, double confidence = 0.97, EditStatus status = EditStatus.Applied,
        string? joined = null, EditScope scope = EditScope.Text, string rule = "any.rule") =>
        new("id", "stage", rule, "b0001", null, 0, before, after, confidence, "why", status, joined) { Scope = scope };

    [Theory]
    [InlineData(" ", "\u00A0", EditImpact.Typography)]
    [InlineData("\"", "«", EditImpact.Typography)]
    [InlineData(" -", "\u00A0—", EditImpact.Typography)]
    [InlineData("...", "…", EditImpact.Typography)]
    [InlineData("\n", " ", EditImpact.Typography)]
    [InlineData("советско-\nяпонская", "советско-японская", EditImpact.Typography)]
    [InlineData("го-\nсударственный", "государственный", EditImpact.Shape)]
    [InlineData("гоминдана", "гоминьдана", EditImpact.Word)]
    [InlineData("Маньчжоу-Го", "Маньчжоу-го", EditImpact.Word)]
    [InlineData("г.", "гг.", EditImpact.Word)]
    [InlineData("ХХ", "XX", EditImpact.Word)]
    [InlineData("<sup>1</sup>", "[^3]", EditImpact.Structure)]
    [InlineData("РАЗГРОМ ЯПОНИИ", "", EditImpact.Structure)]
    public void The_impact_of_an_edit_comes_from_its_shape_whatever_the_rule(string before, string after, EditImpact impact)
    {
        Assert.Equal(impact, ReviewTriage.Impact(Record(before, after)));
    }

    [Fact]
    public void Joins_and_replaced_blocks_have_their_own_impact()
    {
        Assert.Equal(EditImpact.Join, ReviewTriage.Impact(Record("\n\n", " ", joined: "b0002")));
        Assert.Equal(EditImpact.Structure, ReviewTriage.Impact(Record("*Подпись (АА)*", "![Подпись (АА)]()", scope: EditScope.Block)));
    }

    [Fact]
    public void What_was_not_applied_needs_a_decision_and_only_sure_routine_changes_go_in_bulk()
    {
        Assert.Equal(ReviewTier.Suggestion, ReviewTriage.Tier(Record(" ", "\u00A0", 0.5, EditStatus.Suggested), EditImpact.Typography));
        Assert.Equal(ReviewTier.Suggestion, ReviewTriage.Tier(Record("а", "б", status: EditStatus.Conflict), EditImpact.Word));
        Assert.Equal(ReviewTier.Routine, ReviewTriage.Tier(Record(" ", "\u00A0"), EditImpact.Typography));
        Assert.Equal(ReviewTier.Routine, ReviewTriage.Tier(Record("го-\nсударственный", "государственный", 0.98), EditImpact.Shape));
        Assert.Equal(ReviewTier.Content, ReviewTriage.Tier(Record("го-\nсударственный", "государственный", 0.93), EditImpact.Shape));
        Assert.Equal(ReviewTier.Content, ReviewTriage.Tier(Record("гоминдана", "гоминьдана", 0.99), EditImpact.Word));
    }

    [Fact]
    public void Buttons_fit_the_edit_no_dictionary_on_a_space_always_only_for_words()
    {
        var space = Record(" ", "\u00A0");
        var word = Record("выплавкой", "выправкой", 0.7, EditStatus.Suggested);
        var abbreviation = Record("г.", "гг.");
        var hyphenation = Record("отка-\nзлся", "отказлся", 0.5, EditStatus.Suggested);

        Assert.False(ReviewTriage.CanRepeat(space, ReviewTriage.Impact(space)));
        Assert.Null(ReviewTriage.DictionaryWord(space, ReviewTriage.Impact(space)));
        Assert.True(ReviewTriage.CanRepeat(word, ReviewTriage.Impact(word)));
        Assert.Equal("выплавкой", ReviewTriage.DictionaryWord(word, ReviewTriage.Impact(word)));
        Assert.Null(ReviewTriage.DictionaryWord(abbreviation, ReviewTriage.Impact(abbreviation)));
        Assert.Equal("отказлся", ReviewTriage.DictionaryWord(hyphenation, ReviewTriage.Impact(hyphenation)));
        Assert.False(ReviewTriage.CanRepeat(Record("\n\n", " ", joined: "b0002"), EditImpact.Join));
    }
}
