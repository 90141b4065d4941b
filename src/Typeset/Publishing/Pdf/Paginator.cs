namespace Typeset.Publishing.Pdf;

internal sealed record PlacedElement(FlowElement Element, double Top);

/// <summary>One page: the text block's elements from its top, the footnote lines at its foot, its running matter.</summary>
internal sealed class PageContent(int number)
{
    public int Number { get; } = number;

    public List<PlacedElement> Body { get; } = [];

    public List<TextLine> Notes { get; } = [];

    public double NotesHeight => Notes.Sum(line => line.Height);

    /// <summary>A level-1 heading starts on this page: no running head and no folio.</summary>
    public bool ChapterOpener { get; set; }

    /// <summary>Title of the chapter the page belongs to (the running head of a recto page).</summary>
    public string? ChapterTitle { get; set; }

    /// <summary>No running head and no folio (title page, blank pages).</summary>
    public bool Plain { get; set; }

    public bool IsEmpty => Body.Count == 0 && Notes.Count == 0;
}

/// <summary>
/// Fills pages top to bottom. A chain of elements linked by <see cref="FlowElement.KeepWithNext"/> moves to the
/// next page as a whole when it does not fit (unless it is taller than a page, then it is split where it must).
/// Footnotes go to the foot of the page of the line that references them, under a rule; a note that does not fit
/// continues on the next page. A figure that does not fit floats to the top of the next page while text fills
/// this one. Page breaks may ask for a recto, leaving a blank verso.
/// </summary>
internal sealed class Paginator
{
    private const double Tolerance = 0.01;

    /// <summary>Notes this short are never split across pages.</summary>
    private const int UnsplitNoteLines = 3;

    private readonly double textHeight;
    private readonly double noteSeparator;
    private readonly List<PageContent> pages = [];
    private readonly Queue<FigureElement> deferredFigures = new();
    private readonly Queue<TextLine> continuedNotes = new();
    private PageContent page;
    private double y;
    private string? chapterTitle;

    private Paginator(double textHeight, double noteSeparator)
    {
        this.textHeight = textHeight;
        this.noteSeparator = noteSeparator;
        page = new PageContent(1);
    }

    /// <param name="noteSeparator">Space taken by the rule above the footnotes (with the gaps around it).</param>
    public static List<PageContent> Paginate(IReadOnlyList<FlowElement> elements, double textHeight, double noteSeparator = 0)
    {
        var paginator = new Paginator(textHeight, noteSeparator);
        paginator.Run(elements);
        return paginator.pages;
    }

    private double NotesSpace => page.Notes.Count == 0 ? 0 : page.NotesHeight + noteSeparator;

    private double Free => textHeight - y - NotesSpace;

    private void Run(IReadOnlyList<FlowElement> elements)
    {
        var i = 0;
        while (i < elements.Count)
        {
            var element = elements[i];
            switch (element)
            {
                case PageBreak pageBreak:
                    FlushDeferredFigures();
                    if (!page.IsEmpty)
                    {
                        NewPage();
                    }

                    if (pageBreak.Recto && page.Number % 2 == 0)
                    {
                        page.Plain = true;
                        NewPage(allowEmpty: true);
                    }

                    chapterTitle = pageBreak.EndsChapter ? null : chapterTitle;
                    i++;
                    continue;
                case Spacer { KeepAtPageTop: false } when page.Body.Count == 0:
                    i++;
                    continue;
                case PlainPageMarker:
                    page.Plain = true;
                    i++;
                    continue;
                case FigureElement figure:
                    PlaceFigure(figure);
                    i++;
                    continue;
            }

            var chainHeight = ChainHeight(elements, i);
            var fits = chainHeight <= Free + Tolerance;
            var chainFitsAPage = chainHeight <= textHeight + Tolerance;
            var elementFits = ElementHeight(element) <= Free + Tolerance || FitsWithSplitNotes(element);
            if (page.Body.Count > 0 && ((!fits && chainFitsAPage) || !elementFits))
            {
                NewPage();
                continue;
            }

            if (element is TableRowElement { RepeatHeader: { } header } && page.Body.Count == 0)
            {
                // A table continued on a new page: its header first, repeated (an artifact in the tagged PDF).
                Place(header with { Repeated = true });
            }

            Place(element);
            i++;
        }

        FlushDeferredFigures();
        while (continuedNotes.Count > 0)
        {
            NewPage();
        }

        if (!page.IsEmpty || pages.Count == 0)
        {
            pages.Add(page);
        }
    }

    private void Place(FlowElement element)
    {
        if (element is AnchorElement { Level: 1 } anchor)
        {
            chapterTitle = anchor.Title;
            page.ChapterOpener = true;
        }

        page.ChapterTitle ??= chapterTitle;
        page.Body.Add(new PlacedElement(element, y));
        y += element.Height;
        if (NotesOf(element) is { Count: > 0 } elementNotes)
        {
            foreach (var note in elementNotes)
            {
                foreach (var noteLine in note.Lines)
                {
                    // Once one line of a note has to continue, the rest (and later notes) follow it in order.
                    if (continuedNotes.Count == 0 && noteLine.Height + (page.Notes.Count == 0 ? noteSeparator : 0) <= textHeight - y - NotesSpace + Tolerance)
                    {
                        page.Notes.Add(noteLine);
                    }
                    else
                    {
                        continuedNotes.Enqueue(noteLine);
                    }
                }
            }
        }
    }

    private void PlaceFigure(FigureElement figure)
    {
        // Figures keep their order: once one waits for the next page, later ones wait behind it.
        if (deferredFigures.Count == 0 && (figure.Height <= Free + Tolerance || page.Body.Count == 0))
        {
            Place(figure);
        }
        else
        {
            deferredFigures.Enqueue(figure);
        }
    }

    private void FlushDeferredFigures()
    {
        while (deferredFigures.Count > 0)
        {
            if (page.Body.Count > 0 && deferredFigures.Peek().Height > Free + Tolerance)
            {
                NewPage();
                continue;
            }

            Place(deferredFigures.Dequeue());
        }
    }

    private void NewPage(bool allowEmpty = false)
    {
        if (!page.IsEmpty || allowEmpty)
        {
            page.ChapterTitle ??= chapterTitle;
            pages.Add(page);
        }

        page = new PageContent(pages.Count + 1);
        y = 0;

        // Continued footnotes first (leaving room for a few lines of text), then figures that floated here.
        while (continuedNotes.Count > 0 && (page.Notes.Count == 0 || continuedNotes.Peek().Height + NotesSpace <= textHeight * 0.75))
        {
            page.Notes.Add(continuedNotes.Dequeue());
        }

        while (deferredFigures.Count > 0 && (deferredFigures.Peek().Height <= Free + Tolerance || page.Body.Count == 0))
        {
            Place(deferredFigures.Dequeue());
        }
    }

    /// <summary>
    /// The element plus the footnote lines that must stay on its page (and the rule, if they are the page's first):
    /// a note of up to <see cref="UnsplitNoteLines"/> lines whole, of a longer one its first two lines (the rest may
    /// continue on the next page).
    /// </summary>
    private double ElementHeight(FlowElement element)
    {
        var notes = NotesOf(element);
        if (notes.Count == 0 || continuedNotes.Count > 0)
        {
            return element.Height + RepeatedHeaderHeight(element);
        }

        var noteLines = notes.SelectMany(note => note.Lines).ToList();
        var kept = noteLines.Count <= UnsplitNoteLines ? noteLines : noteLines.Take(2);
        return element.Height + kept.Sum(noteLine => noteLine.Height) + (page.Notes.Count == 0 ? noteSeparator : 0);
    }

    /// <summary>A referencing line may stay when at least the first line of its first note fits under it.</summary>
    private bool FitsWithSplitNotes(FlowElement element)
    {
        var notes = NotesOf(element);
        if (notes.Count == 0)
        {
            return false;
        }

        var firstNoteLine = notes[0].Lines.Count > 0 ? notes[0].Lines[0].Height : 0;
        return element.Height + firstNoteLine + (page.Notes.Count == 0 ? noteSeparator : 0) <= Free + Tolerance;
    }

    /// <summary>Footnotes referenced by an element: a line's, or those of a table row's cells.</summary>
    private static IReadOnlyList<NoteBody> NotesOf(FlowElement element) => element switch
    {
        TextLine line => line.Notes,
        TableRowElement row => row.Notes,
        _ => [],
    };

    /// <summary>A table row opening a page brings its header with it.</summary>
    private double RepeatedHeaderHeight(FlowElement element) =>
        element is TableRowElement { RepeatHeader: { } header } && page.Body.Count == 0 ? header.Height : 0;

    private double ChainHeight(IReadOnlyList<FlowElement> elements, int start)
    {
        var height = ElementHeight(elements[start]);
        for (var i = start; elements[i].KeepWithNext && i + 1 < elements.Count && elements[i + 1] is not (PageBreak or FigureElement); i++)
        {
            height += ElementHeight(elements[i + 1]);
        }

        return height;
    }
}
