using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Tests.Edits;

public class EditApplierTests
{
    private static Book Read(string markdown) => MarkdownReader.Read(markdown, new BookMeta("К"));

    private static Edit Replace(string block, int start, string before, string after, double confidence = 0.95) =>
        new("test", "test.rule", block, start, before, after, confidence, "because");

    [Fact]
    public void Applies_edits_at_or_above_the_threshold_and_suggests_the_rest()
    {
        var book = Read("Превый абзац с ошибкой.");
        var edits = new[] { Replace("b0001", 0, "Превый", "Первый", 0.95), Replace("b0001", 15, "ошибкой", "ошибками", 0.5) };

        var (result, records) = EditApplier.Apply(book, edits, 0.9, NoDecisions.Instance);

        Assert.Equal("Первый абзац с ошибкой.", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Applied, EditStatus.Suggested], records.Select(r => r.Status));
    }

    [Fact]
    public void An_edit_whose_before_no_longer_matches_is_a_conflict_and_changes_nothing()
    {
        var book = Read("Текст абзаца.");

        var (result, records) = EditApplier.Apply(book, [Replace("b0001", 0, "Другой", "Иной")], 0.9, NoDecisions.Instance);

        Assert.Equal(book, result);
        Assert.Equal(EditStatus.Conflict, Assert.Single(records).Status);
    }

    [Fact]
    public void Overlapping_edits_apply_only_the_first()
    {
        var book = Read("абвгд");
        var edits = new[] { Replace("b0001", 0, "абв", "АБВ"), Replace("b0001", 2, "вгд", "ВГД") };

        var (result, records) = EditApplier.Apply(book, edits, 0.9, NoDecisions.Instance);

        Assert.Equal("АБВгд", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Applied, EditStatus.Conflict], records.Select(r => r.Status));
    }

    [Fact]
    public void A_suggestion_the_editor_accepted_wins_over_an_overlapping_edit_the_machine_applied()
    {
        // Dehyphenation proposes both readings of one line-end hyphen: the kept hyphen (applied) and the join (suggested).
        var book = Read("Хинга-\nно-Мукденская операция");
        var anchored = EditAnchors.Attach(book, [Replace("b0001", 0, "Хинга-\nно", "Хинга-но", 0.95), Replace("b0001", 0, "Хинга-\nно", "Хингано", 0.5)]);
        var (kept, joined) = (anchored[0], anchored[1]);

        var (result, records) = EditApplier.Apply(book, [kept, joined], 0.9, new FixedDecisions(new() { [joined.Id] = true }));

        Assert.Equal("Хингано-Мукденская операция", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Conflict, EditStatus.Applied], records.Select(r => r.Status));
    }

    [Fact]
    public void An_edit_that_would_break_the_block_into_two_is_refused()
    {
        var book = Read("Один абзац.");

        var (result, records) = EditApplier.Apply(book, [Replace("b0001", 4, " ", "\n\n")], 0.9, NoDecisions.Instance);

        Assert.Equal(book, result);
        Assert.Equal(EditStatus.Conflict, Assert.Single(records).Status);
    }

    [Fact]
    public void The_editors_decisions_override_the_threshold()
    {
        var book = Read("раз два");
        // An edit's id includes the words around it, which the applier reads from the block: anchor first, then decide.
        var anchored = EditAnchors.Attach(book, [Replace("b0001", 0, "раз", "РАЗ", 0.1), Replace("b0001", 4, "два", "ДВА", 0.99)]);
        var (low, high) = (anchored[0], anchored[1]);
        var decisions = new FixedDecisions(new() { [low.Id] = true, [high.Id] = false });

        var (result, records) = EditApplier.Apply(book, [low, high], 0.9, decisions);

        Assert.Equal("РАЗ два", MarkdownWriter.Write(result).Trim());
        Assert.Equal([EditStatus.Applied, EditStatus.Rejected], records.Select(r => r.Status));
    }

    [Fact]
    public void A_join_merges_two_paragraphs_and_moves_the_blocks_between_after_them()
    {
        var book = Read("Начало фразы на одной\n\n*Подпись к фото (АА)*\n\nстранице и конец.");
        var join = new Edit("join", "join.page-break", "b0001", 21, "\n\n", " ", 0.97, "seam", "b0003");

        var (result, _) = EditApplier.Apply(book, [join], 0.9, NoDecisions.Instance);

        Assert.Equal("Начало фразы на одной странице и конец.\n\n*Подпись к фото (АА)*\n", MarkdownWriter.Write(result));
    }

    [Fact]
    public void A_paragraph_cut_by_two_page_ends_is_joined_twice()
    {
        var book = Read("один\n\nдва\n\nтри");
        var joins = new[]
        {
            new Edit("join", "join.page-break", "b0001", 4, "\n\n", " ", 0.97, "seam", "b0002"),
            new Edit("join", "join.page-break", "b0002", 3, "\n\n", " ", 0.97, "seam", "b0003"),
        };

        var (result, records) = EditApplier.Apply(book, joins, 0.9, NoDecisions.Instance);

        Assert.Equal("один два три\n", MarkdownWriter.Write(result));
        Assert.All(records, r => Assert.Equal(EditStatus.Applied, r.Status));
    }

    [Fact]
    public void Edit_ids_are_stable_and_depend_on_what_the_edit_does()
    {
        var a = Replace("b0001", 3, "го-\nсударство", "государство");
        var same = Replace("b0001", 3, "го-\nсударство", "государство", 0.5);
        var other = Replace("b0001", 3, "го-\nсударство", "го-сударство");

        Assert.Equal(a.Id, same.Id);
        Assert.NotEqual(a.Id, other.Id);
        Assert.Matches("^[0-9a-f]{16}$", a.Id);
    }

    private sealed class FixedDecisions(Dictionary<string, bool> decisions) : IEditDecisions
    {
        public bool? Decide(Edit edit) => decisions.TryGetValue(edit.Id, out var accepted) ? accepted : null;
    }
}
