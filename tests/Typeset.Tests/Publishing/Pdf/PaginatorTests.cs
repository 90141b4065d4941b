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
