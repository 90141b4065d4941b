namespace Typeset.Publishing.Pdf;

internal sealed record PlacedElement(FlowElement Element, double Top);

/// <summary>
/// Fills pages top to bottom. A chain of elements linked by <see cref="FlowElement.KeepWithNext"/> moves to the
/// next page as a whole when it does not fit (unless it is taller than a page, then it is split where it must).
/// </summary>
internal static class Paginator
{
    private const double Tolerance = 0.01;

    public static List<List<PlacedElement>> Paginate(IReadOnlyList<FlowElement> elements, double textHeight)
    {
        var pages = new List<List<PlacedElement>>();
        var page = new List<PlacedElement>();
        var y = 0.0;

        void NewPage()
        {
            pages.Add(page);
            page = [];
            y = 0;
        }

        var i = 0;
        while (i < elements.Count)
        {
            var element = elements[i];
            if (element is PageBreak || (element is Spacer { KeepAtPageTop: false } && page.Count == 0))
            {
                if (element is PageBreak && page.Count > 0)
                {
                    NewPage();
                }

                i++;
                continue;
            }

            var chainHeight = ChainHeight(elements, i);
            var fits = y + chainHeight <= textHeight + Tolerance;
            var chainFitsAPage = chainHeight <= textHeight + Tolerance;
            var elementFits = y + element.Height <= textHeight + Tolerance;
            if (page.Count > 0 && ((!fits && chainFitsAPage) || !elementFits))
            {
                NewPage();
                continue;
            }

            page.Add(new PlacedElement(element, y));
            y += element.Height;
            i++;
        }

        if (page.Count > 0 || pages.Count == 0)
        {
            pages.Add(page);
        }

        return pages;
    }

    private static double ChainHeight(IReadOnlyList<FlowElement> elements, int start)
    {
        var height = elements[start].Height;
        for (var i = start; elements[i].KeepWithNext && i + 1 < elements.Count && elements[i + 1] is not PageBreak; i++)
        {
            height += elements[i + 1].Height;
        }

        return height;
    }
}
