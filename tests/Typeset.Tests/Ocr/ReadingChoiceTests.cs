using Typeset.Interop.Tesseract;
using Typeset.Ocr;

namespace Typeset.Tests.Ocr;

public class ReadingChoiceTests
{
    private static RecognizedPage Reading(params (string Text, float Confidence)[] words)
    {
        var placed = words.Select((w, i) => new RecognizedWord(w.Text, w.Confidence, new Box(20 + i * 120, 40, 100, 30), false, false, 0, null)).ToList();
        var line = new RecognizedLine(new Box(20, 40, 120 * words.Length, 30), 66, true, placed);
        return new RecognizedPage(2000, 1000, [new RecognizedBlock(BlockKind.FlowingText, line.Box, [line])]);
    }

    [Fact]
    public void A_reading_that_recovers_more_confident_text_scores_higher()
    {
        var lost = Reading(("Отчёт", 92), ("в", 90));
        var recovered = Reading(("Отчёт", 92), ("в", 90), ("сумме", 88), ("рублей", 85));

        Assert.True(ReadingChoice.Beats(ReadingChoice.Score(recovered), ReadingChoice.Score(lost)));
        Assert.False(ReadingChoice.Beats(ReadingChoice.Score(lost), ReadingChoice.Score(recovered)));
    }

    [Fact]
    public void Junk_read_from_rules_and_specks_counts_against_a_reading()
    {
        var clean = Reading(("Отчёт", 92), ("в", 90), ("сумме", 88));
        var junky = Reading(("Отчёт", 92), ("в", 90), ("сумме", 88), ("TITOTO", 20), ("ees", 25), ("DEK", 30));

        Assert.True(ReadingChoice.Score(junky) < ReadingChoice.Score(clean));
        Assert.False(ReadingChoice.Beats(ReadingChoice.Score(junky), ReadingChoice.Score(clean)));
    }

    [Fact]
    public void A_near_tie_keeps_the_first_reading()
    {
        var first = Reading([.. Enumerable.Repeat(("строка", 80f), 40)]);
        var other = Reading([.. Enumerable.Repeat(("строка", 81f), 40)]);

        Assert.False(ReadingChoice.Beats(ReadingChoice.Score(other), ReadingChoice.Score(first)));
    }

    [Fact]
    public void Only_a_doubtful_reading_is_read_again_and_with_every_other_handover()
    {
        Assert.False(ReadingChoice.IsDoubtful(Reading(("Строка", 96), ("текста", 95))));
        Assert.True(ReadingChoice.IsDoubtful(Reading(("Строка", 96), ("ТIТОТО", 20))));
        Assert.Equal([Handover.AsScanned, Handover.GreySauvola], ReadingChoice.Alternatives(Handover.Grey, lightingEvened: true));
        Assert.Equal([Handover.GreySauvola], ReadingChoice.Alternatives(Handover.Binary, lightingEvened: false));
    }
}
