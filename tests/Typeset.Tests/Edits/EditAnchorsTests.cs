using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Tests.Edits;

public class EditAnchorsTests
{
    private static Book Read(string markdown) => MarkdownReader.Read(markdown, new BookMeta("К"));

    private static Edit At(string text, string before, string after, int from = 0) =>
        new("test", "test.rule", "b0001", text.IndexOf(before, from, StringComparison.Ordinal), before, after, 0.95, "because");

    [Fact]
    public void An_edit_is_anchored_by_the_words_around_it_with_white_space_collapsed()
    {
        const string text = "Советское командование готовило\nнаступление на широком фронте от Хингана до моря.";
        var edit = Assert.Single(EditAnchors.Attach(Read(text), [At(text, "широком", "широчайшем")]));

        Assert.Equal("командование готовило наступление на ", edit.ContextBefore);
        Assert.Equal(" фронте от Хингана до", edit.ContextAfter);
    }

    [Fact]
    public void Context_stops_at_the_edges_of_the_block_and_at_a_length_limit()
    {
        const string text = "Раз два.";
        var edit = Assert.Single(EditAnchors.Attach(Read(text), [At(text, "Раз", "Три")]));
        var longWord = new string('ж', 200);
        var glued = "Начало " + longWord + " конец";
        var inLong = Assert.Single(EditAnchors.Attach(Read(glued), [At(glued, "конец", "финал")]));

        Assert.Equal(("", " два."), (edit.ContextBefore, edit.ContextAfter));
        Assert.True(inLong.ContextBefore.Length <= EditAnchors.MaxContextChars);
    }

    [Fact]
    public void The_id_does_not_move_when_the_text_before_the_edit_changes_length()
    {
        const string original = "Этот го-\nсударственный аппарат был создан в 1932 г. в Синьцзине.";
        const string joined = "Этот государственный аппарат был создан в 1932 г. в Синьцзине.";
        var before = EditAnchors.Attach(Read(original), [At(original, " в Синь", "\u00A0в Синь")])[0];
        var after = EditAnchors.Attach(Read(joined), [At(joined, " в Синь", "\u00A0в Синь")])[0];

        Assert.NotEqual(before.Start, after.Start);
        Assert.NotEqual(before.LegacyId, after.LegacyId);
        Assert.Equal(before.Id, after.Id);
    }

    [Fact]
    public void Identical_anchors_in_one_block_are_numbered_in_text_order()
    {
        var text = string.Join(' ', Enumerable.Repeat("раз", 20));
        // The 8th and the 10th space have the same four words on each side.
        var edits = EditAnchors.Attach(Read(text), [At(text, " ", "\u00A0", 4 * 9), At(text, " ", "\u00A0", 4 * 7)]);

        Assert.Equal((edits[0].ContextBefore, edits[0].ContextAfter), (edits[1].ContextBefore, edits[1].ContextAfter));
        Assert.Equal([1, 0], edits.Select(e => e.Occurrence));
        Assert.NotEqual(edits[0].Id, edits[1].Id);
    }

    [Fact]
    public void A_join_is_anchored_by_the_end_of_its_block_and_the_start_of_the_joined_one()
    {
        var book = Read("Начало фразы на одной\n\nстранице и конец.");
        var join = new Edit("join", "join.page-break", "b0001", 21, "\n\n", " ", 0.97, "seam", "b0002");

        var anchored = Assert.Single(EditAnchors.Attach(book, [join]));

        Assert.Equal(("Начало фразы на одной", " странице и конец."), (anchored.ContextBefore, " " + anchored.ContextAfter));
    }
}
