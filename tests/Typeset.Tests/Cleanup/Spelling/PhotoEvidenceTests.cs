using Typeset.Cleanup.Spelling;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup.Spelling;

public class PhotoEvidenceTests
{
    private static readonly HashSet<string> Words = ["Сумма", "Сум", "налога", "прав", "которого", "удержан", "код", "по", "на", "дан"];

    private static bool IsWord(string word) => Words.Contains(word);

    private static string? Piece(string text, string word) =>
        PhotoEvidence.WordPieceNeighbour(text, text.IndexOf(word, StringComparison.Ordinal), word.Length, IsWord, _ => false);

    [Fact]
    public void A_neighbour_that_makes_a_word_with_the_word_is_a_piece_even_when_it_is_a_word_itself()
    {
        Assert.Equal("Сум", Piece("Сум ма налога", "ма"));
    }

    [Fact]
    public void A_lower_case_neighbour_that_is_no_word_and_no_misreading_is_a_piece()
    {
        Assert.Equal("нных", Piece("нных прав | ма нных прав", "ма"));
        Assert.Equal("ь", Piece("ь Hа получение", "Hа"));
        // A neighbour the spelling stage would correct is a misread word, not a piece.
        Assert.Null(PhotoEvidence.WordPieceNeighbour("прнказ ие дан", 7, 2, IsWord, w => w == "прнказ"));
    }

    [Fact]
    public void Words_codes_numbers_and_abbreviations_beside_the_word_are_no_pieces()
    {
        Assert.Null(Piece("с которого ие удержан", "ие"));
        Assert.Null(Piece("Москва no ОКПО 1234", "no"));
        Assert.Null(Piece("от 04.24 ма 2017", "ма"));
        Assert.Null(Piece("р-на ма налога", "ма"));
        Assert.Null(Piece("ма", "ма"));
    }

    [Fact]
    public void The_page_share_of_dictionary_words_counts_plain_lower_case_words_only()
    {
        var good = string.Join(' ', Enumerable.Repeat("налога прав которого удержан", 6)) + " Ксщврт ОКПО ксщ-врт";
        var poor = string.Join(' ', Enumerable.Repeat("налога ксщвр тлмнрф", 8));
        var evidence = PhotoEvidence.Measure([(1, good), (2, poor), (3, "налога ксщвр"), (null, good)], IsWord);

        Assert.Equal(1.0, evidence.PageWordShare(1));
        Assert.Equal(1.0 / 3, evidence.PageWordShare(2)!.Value, 3);
        Assert.Null(evidence.PageWordShare(3));  // too few words to tell
        Assert.Equal(1.0, evidence.PageWordShare(null));
        Assert.Null(evidence.Doubt(1, good, 0, 6, IsWord, _ => false));
        Assert.Contains("too poor a reading", evidence.Doubt(2, poor, 0, 6, IsWord, _ => false));
    }

    [Fact]
    public void The_spelling_stage_only_suggests_corrections_on_a_poorly_read_page()
    {
        using var scratch = new ScratchFolder();
        using var context = TestContexts.ForStage("spelling", scratch.Path);
        const string sentence = "Командующий отдал прнказ о наступлении на рассвете.";
        var noise = string.Join(' ', Enumerable.Repeat("ксщвр тлмнрф пвкшщ", 10));
        Edit Fix(string markdown) =>
            Assert.Single(new SpellingStage().Propose(MarkdownReader.Read(markdown, new BookMeta("К")), context), e => e.Before == "прнказ");

        var poor = Fix($"<!-- page 2 -->\n\n{sentence} {noise}");
        var good = Fix($"<!-- page 2 -->\n\n{sentence}");

        Assert.True(poor.Confidence <= 0.85);
        Assert.Contains("too poor a reading", poor.Reason);
        Assert.True(good.Confidence >= 0.9);
    }

    [Fact]
    public void The_spelling_stage_only_suggests_a_correction_of_a_piece_of_a_split_word()
    {
        using var scratch = new ScratchFolder();
        using var context = TestContexts.ForStage("spelling", scratch.Path);
        var book = MarkdownReader.Read("Сум ма налога перечислена в бюджет до конца месяца.", new BookMeta("К"));

        var edits = new SpellingStage().Propose(book, context).Where(e => e.Before == "ма").ToList();

        Assert.NotEmpty(edits);
        Assert.All(edits, e => Assert.True(e.Confidence <= 0.85, e.Reason));
    }

    [Fact]
    public void A_short_latin_token_is_loose_unless_cyrillic_words_stand_on_both_sides_or_it_opens_its_line()
    {
        Assert.False(PhotoEvidence.IsLooseShortToken("Принять Ha себя", 8, 2));
        Assert.False(PhotoEvidence.IsLooseShortToken("He устанавливать", 0, 2));
        Assert.True(PhotoEvidence.IsLooseShortToken("количество документов ee 1", 22, 2));
        Assert.True(PhotoEvidence.IsLooseShortToken("документов ee", 11, 2));
        Assert.False(PhotoEvidence.IsLooseShortToken("а также HE\nподселять", 8, 2));  // a line end is a space
        Assert.True(PhotoEvidence.IsLooseShortToken("1 HO с", 2, 2));
        Assert.False(PhotoEvidence.IsLooseShortToken("документов ero 1", 11, 3));  // three letters: a word's shape
    }

    [Fact]
    public void A_word_on_a_line_with_a_table_rule_read_as_a_bar_is_doubted()
    {
        var evidence = PhotoEvidence.Measure([], IsWord);
        const string text = "| вида чество говая |предъявляем\nналога прав | код";
        Assert.Contains("table's rules", evidence.Doubt(null, text, 14, 5, IsWord, _ => true));
        Assert.Null(evidence.Doubt(null, text, text.IndexOf("прав", StringComparison.Ordinal), 4, IsWord, _ => true));
    }
}
