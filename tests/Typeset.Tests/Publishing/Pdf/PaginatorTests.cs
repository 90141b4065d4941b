using Typeset.Publishing.Layout;
using Typeset.Publishing.Pdf;

namespace Typeset.Tests.Publishing.Pdf;

public class PaginatorTests
{
    private const double TextHeight = 100;

    [Fact]
    public void Fills_pages_top_to_bottom_and_breaks_when_the_next_element_does_not_fit()
    {
        var elements = Enumerable.Range(0, 25).Select(_ => new Spacer(10, KeepAtPageTop: true)).ToList();

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal([10, 10, 5], pages.Select(page => page.Body.Count));
        Assert.Equal(90, pages[0].Body[^1].Top);
    }

    [Fact]
    public void A_kept_chain_moves_to_the_next_page_whole()
    {
        List<FlowElement> elements =
        [
            .. Enumerable.Range(0, 8).Select(_ => new Spacer(10, KeepAtPageTop: true)),
            new Spacer(10, KeepAtPageTop: true) { KeepWithNext = true },
            new Spacer(10, KeepAtPageTop: true) { KeepWithNext = true },
            new Spacer(10, KeepAtPageTop: true),
        ];

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal([8, 3], pages.Select(page => page.Body.Count));
    }

    [Fact]
    public void Plain_space_vanishes_at_a_page_top_and_page_breaks_start_a_new_page()
    {
        List<FlowElement> elements =
        [
            new Spacer(10, KeepAtPageTop: true),
            new PageBreak(),
            new Spacer(30),
            new Spacer(20, KeepAtPageTop: true),
        ];

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal(2, pages.Count);
        var secondPage = Assert.Single(pages[1].Body);
        Assert.Equal(20, secondPage.Element.Height);
        Assert.Equal(0, secondPage.Top);
    }

    [Fact]
    public void A_chain_taller_than_a_page_is_split_rather_than_lost()
    {
        var elements = Enumerable.Range(0, 15).Select(_ => new Spacer(10, KeepAtPageTop: true) { KeepWithNext = true }).ToList();

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal(15, pages.Sum(page => page.Body.Count));
        Assert.All(pages, page => Assert.True(page.Body[^1].Top + page.Body[^1].Element.Height <= TextHeight));
    }
}

public class PaginatorNotesAndFiguresTests
{
    private const double TextHeight = 100;

    private static TextLine Line(double height = 10, IReadOnlyList<NoteBody>? notes = null) =>
        new(height, height * 0.7, 0, new PlacedLine([], 0)) { Notes = notes ?? [] };

    private static NoteBody Note(int lines) => new("n", Enumerable.Range(0, lines).Select(_ => Line(8)).ToList());

    [Fact]
    public void A_footnote_goes_to_the_foot_of_the_page_of_its_line_and_takes_space_from_the_text()
    {
        List<FlowElement> elements = [Line(), Line(notes: [Note(2)]), .. Enumerable.Range(0, 10).Select(_ => Line())];

        var pages = Paginator.Paginate(elements, TextHeight, noteSeparator: 4);

        Assert.Equal(2, pages[0].Notes.Count);
        // 16 pt of notes and 4 pt of rule leave room for 8 lines of 10 pt.
        Assert.Equal(8, pages[0].Body.Count);
        Assert.Empty(pages[1].Notes);
    }

    [Fact]
    public void A_long_footnote_continues_on_the_next_page()
    {
        List<FlowElement> elements = [.. Enumerable.Range(0, 6).Select(_ => Line()), Line(notes: [Note(6)]), Line(), Line()];

        var pages = Paginator.Paginate(elements, TextHeight, noteSeparator: 4);

        Assert.Contains(pages[0].Body, placed => placed.Element is TextLine { Notes.Count: 1 });
        Assert.Equal(3, pages[0].Notes.Count);
        Assert.Equal(6, pages.Sum(page => page.Notes.Count));
        Assert.All(pages, page => Assert.True(page.Body.Sum(p => p.Element.Height) + page.NotesHeight + (page.Notes.Count > 0 ? 4 : 0) <= TextHeight + 0.01));
    }

    [Fact]
    public void A_figure_that_does_not_fit_floats_to_the_next_page_top_while_text_fills_this_one()
    {
        var figure = new FigureElement(60, null, 0, []);
        List<FlowElement> elements = [.. Enumerable.Range(0, 6).Select(_ => Line()), figure, .. Enumerable.Range(0, 6).Select(_ => Line())];

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal(10, pages[0].Body.Count);
        Assert.All(pages[0].Body, placed => Assert.IsType<TextLine>(placed.Element));
        Assert.Same(figure, pages[1].Body[0].Element);
        Assert.Equal(0, pages[1].Body[0].Top);
    }

    [Fact]
    public void A_recto_page_break_leaves_a_blank_verso_without_running_matter()
    {
        List<FlowElement> elements = [Line(), new PageBreak(Recto: true), new AnchorElement("c", 1, "Глава"), Line()];

        var pages = Paginator.Paginate(elements, TextHeight);

        Assert.Equal(3, pages.Count);
        Assert.True(pages[1].Plain && pages[1].IsEmpty);
        Assert.True(pages[2].ChapterOpener);
        Assert.Equal("Глава", pages[2].ChapterTitle);
    }
}
