using Typeset.Interop.Tesseract;
using Typeset.Ocr;

namespace Typeset.Tests.Ocr;

public class SpecksTests
{
    private static RecognizedWord Word(string text, int x, int width, int height) => new(text, 80, new Box(x, 100, width, height), false, false, 0, null);

    private static OcrPage Page(params RecognizedLine[] lines) =>
        new(1, "p.png", 0, 300, new RecognizedPage(1000, 1400, [new RecognizedBlock(BlockKind.FlowingText, new Box(0, 0, 1000, 400), lines)]), []);

    private static RecognizedLine Line(params RecognizedWord[] words) => new(new Box(0, 100, 1000, 40), 130, false, words);

    [Fact]
    public void A_dot_read_as_a_bar_is_left_out_and_a_bar_as_tall_as_a_letter_stays()
    {
        var page = Page(
            Line(Word("его", 10, 60, 30), Word("территории.", 80, 200, 32), Word("|", 300, 3, 3)),
            Line(Word("и", 10, 20, 22), Word("|", 40, 12, 31), Word("января", 60, 120, 30)),
            Line(Word("‘", 10, 3, 4)));

        var clean = Specks.Without(page);

        var lines = clean.Recognized.Blocks.Single().Lines.Select(PageLayout.LineText).ToList();
        Assert.Equal(["его территории.", "и | января"], lines);
    }

    [Fact]
    public void A_page_without_specks_is_the_same_page_and_small_punctuation_is_never_a_speck()
    {
        var page = Page(Line(Word("войну", 10, 100, 30), Word(".", 115, 4, 4), Word("—", 130, 30, 3)));

        Assert.Same(page, Specks.Without(page));
    }
}
