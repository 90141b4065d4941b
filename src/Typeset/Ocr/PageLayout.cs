using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Typeset.Interop.Tesseract;
using Typeset.Model;

namespace Typeset.Ocr;

/// <summary>
/// Turns recognised pages into the document model by geometry alone (no knowledge of the text): figures and the
/// captions bound to them, running heads and folios (by position and repetition across pages), footnotes at the page
/// foot bound to the raised markers in the body, headings, and paragraphs from indentation and line spacing.
/// Line breaks and line-end hyphens stay in the paragraphs: cleanup decides the joins.
/// </summary>
public static partial class PageLayout
{
    public const string RunningHeadRule = "ocr.running-head";
    public const string FolioRule = "ocr.folio";

    /// <summary>Top and bottom bands of the page where running heads and folios sit.</summary>
    private const double MarginBand = 0.12;

    /// <summary>The layout of every page, with the lines that are running heads or folios marked for removal.</summary>
    public static IReadOnlyList<PageAnalysis> Analyse(IReadOnlyList<OcrPage> pages)
    {
        var analyses = pages.Select(p => new PageAnalysis(Blanks.Insert(Specks.Without(p)))).ToList();
        MarkRunningHeads(analyses);
        return analyses;
    }

    /// <summary>The blocks of one page, starting with its page marker; <paramref name="keep"/> says which dropped lines the editor wants back.</summary>
    /// <param name="warn">Told, for the editor's review, of each tabular region whose cells could not be recovered.</param>
    public static List<Block> Blocks(PageAnalysis page, Func<DroppedLine, bool> keep, ref int footnoteCounter, Action<string>? warn = null)
    {
        var ids = new IdSource(page.Page.Number);
        var blocks = new List<Block> { new PageMarker(ids.Next(), page.Page.Number, new SourceRef(page.Page.Number)) };
        var keptTop = page.Dropped.Where(d => d.Box.Y < page.Page.Recognized.Height / 2 && keep(d)).ToList();
        var keptBottom = page.Dropped.Where(d => d.Box.Y >= page.Page.Recognized.Height / 2 && keep(d)).ToList();
        blocks.AddRange(keptTop.Select(d => Plain(ids.Next(), d.Text, page.Page.Number, d.Box)));

        // Footnotes first, so body markers can be bound to their labels.
        var ordered = page.Ordered;
        var notes = page.FootnoteBlocks.SelectMany(b => SplitFootnotes(b, page)).ToList();
        var markers = page.Body.SelectMany(b => b.Lines).SelectMany(l => l.Words.Select(w => (Line: l, Word: w)))
            .Where(p => RaisedMarker(p.Word, p.Line, page.LineHeight) is not null).ToList();
        var labels = new Dictionary<RecognizedWord, string>(ReferenceEqualityComparer.Instance);
        var noteLabels = new List<string?>();
        var usedMarkers = new HashSet<RecognizedWord>(ReferenceEqualityComparer.Instance);
        foreach (var note in notes)
        {
            var match = markers.FirstOrDefault(m => !usedMarkers.Contains(m.Word) && RaisedMarker(m.Word, m.Line, page.LineHeight)!.Value.Marker == note.Marker)
                        is { Word: not null } exact ? exact : markers.FirstOrDefault(m => !usedMarkers.Contains(m.Word));
            if (match.Word is null)
            {
                noteLabels.Add(null);
                continue;
            }

            usedMarkers.Add(match.Word);
            var label = (++footnoteCounter).ToString(CultureInfo.InvariantCulture);
            labels[match.Word] = label;
            noteLabels.Add(label);
        }

        TextUnit? openParagraph = null;
        foreach (var (block, segment) in WithTables(ordered, page))
        {
            switch (segment)
            {
                case Tables.Recovered table:
                    blocks.Add(TableBlock(table, page, labels, ids));
                    openParagraph = null;
                    continue;
                case Tables.Unrecovered region:
                    blocks.Add(UnrecoveredTable(region, page, labels, ids, warn));
                    openParagraph = null;
                    continue;
            }

            switch (block.Role)
            {
                case Role.Figure:
                    var crop = page.Page.Figures.FirstOrDefault(f => f.Box == block.Block.Box);
                    var caption = page.CaptionOf.TryGetValue(block, out var captionBlock)
                        ? LinesToInlines(captionBlock.Lines, page, labels)
                        : ValueList<Inline>.Empty;
                    blocks.Add(new Figure(ids.Next(), crop?.ImagePath ?? string.Empty, caption, new SourceRef(page.Page.Number, Box: ToPixelBox(block.Block.Box))));
                    break;
                case Role.Heading:
                    blocks.Add(new Heading(ids.Next(), block.HeadingLevel, LinesToInlines(block.Lines, page, labels, singleLine: true), Source(page, block)));
                    break;
                case Role.Body:
                    var units = Paragraphs(block, page);
                    if (openParagraph is not null && units[0].Marker is null && ContinuesParagraph(openParagraph.Lines, units[0].Lines, page))
                    {
                        // Tesseract sometimes cuts a block before a paragraph's last line: put the line back.
                        blocks.RemoveAt(blocks.Count - 1);
                        units[0] = openParagraph with { Lines = [.. openParagraph.Lines, .. units[0].Lines] };
                    }

                    for (var u = 0; u < units.Count;)
                    {
                        var run = ListRun(units, u);
                        if (run is { Kind: { } kind })
                        {
                            blocks.Add(ToList(units.GetRange(u, run.Value.Count), kind, run.Value.Start, page, labels, ids));
                            u += run.Value.Count;
                            continue;
                        }

                        foreach (var unit in units.GetRange(u, run?.Count ?? 1))
                        {
                            var box = Union(unit.Lines.Select(l => l.Box));
                            blocks.Add(new Paragraph(ids.Next(), UnitInlines(unit, page, labels), new SourceRef(page.Page.Number, Box: ToPixelBox(box))));
                        }

                        u += run?.Count ?? 1;
                    }

                    openParagraph = units[^1];
                    continue;
            }

            openParagraph = null;
        }

        for (var i = 0; i < notes.Count; i++)
        {
            var note = notes[i];
            var content = LinesToInlines(note.Lines, page, labels, skipWords: 1);
            var source = new SourceRef(page.Page.Number, Box: ToPixelBox(Union(note.Lines.Select(l => l.Box))));
            blocks.Add(noteLabels[i] is { } label
                ? Footnote.OfText(ids.Next(), label, content, source)
                : new Paragraph(ids.Next(), ValueList<Inline>.Of(new Superscript(note.Marker), new Text(" ")).AddRange(content), source));
        }

        blocks.AddRange(keptBottom.Select(d => Plain(ids.Next(), d.Text, page.Page.Number, d.Box)));
        return blocks;
    }

    /// <summary>
    /// The page's blocks with its tables found: each run of consecutive body blocks is cut into prose (a block of those
    /// lines) and tables; other blocks pass as they are.
    /// </summary>
    private static IEnumerable<(LaidBlock Block, Tables.Segment? Segment)> WithTables(IReadOnlyList<LaidBlock> ordered, PageAnalysis page)
    {
        for (var i = 0; i < ordered.Count;)
        {
            if (ordered[i].Role != Role.Body)
            {
                yield return (ordered[i], null);
                i++;
                continue;
            }

            var end = i;
            while (end < ordered.Count && ordered[end].Role == Role.Body)
            {
                end++;
            }

            foreach (var (owner, segment) in Tables.Segments(ordered.Skip(i).Take(end - i).ToList(), page))
            {
                yield return segment is Tables.Prose prose
                    ? (prose.Lines.Count == owner.Lines.Count ? owner : new LaidBlock(owner.Block, prose.Lines) { Role = owner.Role, HeadingLevel = owner.HeadingLevel }, null)
                    : (owner, segment);
            }

            i = end;
        }
    }

    /// <summary>
    /// A recovered table: its header row when it has one, each cell's words its text (footnote markers bound; a cell on
    /// several lines keeps its line breaks for cleanup to join), and its caption.
    /// </summary>
    private static Table TableBlock(Tables.Recovered table, PageAnalysis page, IReadOnlyDictionary<RecognizedWord, string> labels, IdSource ids)
    {
        var id = ids.Next();
        var width = table.Columns.Count;
        TableRow Row(Tables.RecoveredRow recovered, Func<int, string> cellId)
        {
            var row = new TableCell[width];
            foreach (var (column, cell) in recovered.Cells)
            {
                var lines = recovered.Lines.Select(line => line with { Words = cell.Words.Where(line.Words.Contains).ToList() }).Where(l => l.Words.Count > 0).ToList();
                row[column] = new TableCell(cellId(column + 1), LinesToInlines(lines, page, labels));
            }

            return new TableRow(Enumerable.Range(0, width).Select(c => row[c] ?? new TableCell(cellId(c + 1), ValueList<Inline>.Empty)).ToValueList());
        }

        var header = table.HasHeader ? Row(table.Rows[0], c => BlockIds.HeaderCell(id, c)) : new TableRow(ValueList<TableCell>.Empty);
        var bodyRows = table.Rows.Skip(table.HasHeader ? 1 : 0).ToList();
        var body = bodyRows.Select((row, r) => Row(row, c => BlockIds.BodyCell(id, r + 1, c))).ToValueList();
        var box = Union(table.Caption.Concat(table.Lines).Select(l => l.Box));
        return new Table(id, table.Columns.ToValueList(), header, body, new SourceRef(page.Page.Number, Box: ToPixelBox(box)))
        {
            Caption = table.Caption.Count == 0 ? ValueList<Inline>.Empty : LinesToInlines(table.Caption, page, labels),
        };
    }

    /// <summary>
    /// A tabular region whose cells could not be recovered keeps its lines, each on a line of its own (never its cells
    /// run together), and is reported for review. Set as a picture of the scan it hid its text: on 70 real phone photos
    /// of documents 48 such regions (forms, prose read askew) took a third of the words into pictures.
    /// </summary>
    private static Paragraph UnrecoveredTable(Tables.Unrecovered region, PageAnalysis page, IReadOnlyDictionary<RecognizedWord, string> labels, IdSource ids,
        Action<string>? warn)
    {
        var source = new SourceRef(page.Page.Number, Box: ToPixelBox(Union(region.Lines.Select(l => l.Box))));
        warn?.Invoke("a table whose cells could not be recovered (" + region.Reason + "): kept as its lines; check it against the scan");
        var content = new List<Inline>();
        foreach (var line in region.Lines)
        {
            content.AddRange(LinesToInlines([line], page, labels, singleLine: true));
            content.Add(new LineBreak(true));
        }

        content.RemoveAt(content.Count - 1);
        return new Paragraph(ids.Next(), content.ToValueList(), source);
    }

    /// <summary>
    /// A paragraph's inlines; a list item's start with its marker as printed (a bullet as •, a dash as –, a number as
    /// read), the word Tesseract made of the marker left out.
    /// </summary>
    private static ValueList<Inline> UnitInlines(TextUnit unit, PageAnalysis page, IReadOnlyDictionary<RecognizedWord, string> labels, bool withMarker = true)
    {
        if (unit.Marker is not { } marker)
        {
            return LinesToInlines(unit.Lines, page, labels);
        }

        var lines = unit.Lines;
        if (marker.Words == 0)
        {
            // The dash is glued to the first word: take it off that word.
            var first = lines[0].Words[0];
            lines = [lines[0] with { Words = [first with { Text = first.Text[1..] }, .. lines[0].Words.Skip(1)] }, .. lines.Skip(1)];
        }

        var content = LinesToInlines(lines, page, labels, skipWords: marker.Words);
        return withMarker ? ValueList<Inline>.Of(new Text(marker.Text + " ")).AddRange(content) : content;
    }

    /// <summary>
    /// The list that starts at <paramref name="at"/>: items of one kind in a row — bullets or dashes (a bullet list), or
    /// numbers that count up by one from any start (an ordered list). Markers Markdown cannot number (1.1., IV., а))
    /// and numbers out of order stay paragraphs that begin with the marker as printed, so no number is changed.
    /// </summary>
    private static (int Count, ListKind? Kind, int Start)? ListRun(List<TextUnit> units, int at)
    {
        if (units[at].Marker is not { } first)
        {
            return null;
        }

        if (first.Kind is ListMarkerKind.Bullet or ListMarkerKind.Dash)
        {
            var count = units.Skip(at).TakeWhile(u => u.Marker?.Kind == first.Kind).Count();
            return (count, ListKind.Bullet, 1);
        }

        if (Number(first.Text) is not { } start)
        {
            return null;
        }

        // The whole run of numbered items counts up by one, or none of it becomes a list: split into two lists the
        // Markdown would join them again and renumber them (a misread "3." for "5." must stay as printed).
        var next = at + 1;
        while (next < units.Count && units[next].Marker is { Kind: ListMarkerKind.Number } m && m.Text[^1] == first.Text[^1])
        {
            next++;
        }

        var counts = Enumerable.Range(at, next - at).All(i => Number(units[i].Marker!.Text) == start + i - at);
        return (next - at, counts ? ListKind.Ordered : null, start);

        static int? Number(string marker) => marker.Length is >= 2 and <= 4 && marker[^1] is '.' or ')' && marker[..^1].All(char.IsAsciiDigit)
            ? int.Parse(marker[..^1], System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static ListBlock ToList(List<TextUnit> items, ListKind kind, int start, PageAnalysis page, IReadOnlyDictionary<RecognizedWord, string> labels, IdSource ids)
    {
        var box = Union(items.SelectMany(i => i.Lines).Select(l => l.Box));
        var listId = ids.Next();
        var body = items.Select(item =>
        {
            var content = UnitInlines(item, page, labels, withMarker: false);
            var itemBox = Union(item.Lines.Select(l => l.Box));
            return new ListItem(ValueList<Block>.Of(new Paragraph(ids.Next(), content, new SourceRef(page.Page.Number, Box: ToPixelBox(itemBox)))));
        });
        return new ListBlock(listId, kind, start, Tight: true, body.ToValueList(), new SourceRef(page.Page.Number, Box: ToPixelBox(box)));
    }

    private static Paragraph Plain(string id, string text, int page, Box box) =>
        new(id, ValueList<Inline>.Of(new Text(text)), new SourceRef(page, Box: ToPixelBox(box)));

    private static SourceRef Source(PageAnalysis page, LaidBlock block) => new(page.Page.Number, Box: ToPixelBox(block.Block.Box));

    internal static PixelBox ToPixelBox(Box box) => new(box.X, box.Y, box.Width, box.Height);

    internal static Box Union(IEnumerable<Box> boxes)
    {
        var list = boxes.ToList();
        if (list.Count == 0)
        {
            return new Box(0, 0, 0, 0);
        }

        var left = list.Min(b => b.X);
        var top = list.Min(b => b.Y);
        return new Box(left, top, list.Max(b => b.Right) - left, list.Max(b => b.Bottom) - top);
    }

    /// <summary>
    /// Running heads repeat: the top-band line of a page is one when a similar line stands at about the same height on
    /// another page, or when a rule underlines it, or when a folio is set in it. Folios are number-only lines in the bands.
    /// </summary>
    private static void MarkRunningHeads(List<PageAnalysis> pages)
    {
        foreach (var page in pages)
        {
            foreach (var candidate in new[] { page.TopCandidate, page.BottomCandidate }.OfType<RecognizedLine>())
            {
                var text = LineText(candidate);
                if (FolioPattern().IsMatch(text))
                {
                    page.Drop(candidate, FolioRule, 0.95, "a number alone in the page's margin band: the folio");
                }
            }

        }

        // A short line where the other pages have their folio is a folio read wrong ("12" as "AU").
        foreach (var page in pages)
        {
            foreach (var candidate in new[] { page.TopCandidate, page.BottomCandidate }.OfType<RecognizedLine>().Where(c => !page.IsDropped(c)))
            {
                var text = LineText(candidate);
                var folioElsewhere = pages.Any(other => other != page && other.Dropped.Any(d => d.Rule == FolioRule &&
                    Math.Abs(d.Box.Y - candidate.Box.Y) <= 2 * page.LineHeight));
                if (text.Count(c => !char.IsWhiteSpace(c)) <= 5 && folioElsewhere)
                {
                    page.Drop(candidate, FolioRule, 0.8, "a short line where the other pages have their folio");
                }
            }
        }

        foreach (var page in pages)
        {
            if (page.TopCandidate is not { } top || page.IsDropped(top))
            {
                continue;
            }

            var topText = LineText(top);
            var key = Letters(topText);
            var repeats = pages.Count(other => other != page && other.TopCandidate is { } o && !FolioPattern().IsMatch(LineText(o)) &&
                                              Math.Abs(o.Box.Y - top.Box.Y) <= 2 * page.LineHeight && Similar(Letters(LineText(o)), key));
            var ruled = page.Page.Recognized.Blocks.Any(b => b.Kind == BlockKind.HorizontalLine && b.Box.Y >= top.Box.Bottom - 2 &&
                                                             b.Box.Y - top.Box.Bottom <= page.LineHeight * 1.5 && b.Box.Width > top.Box.Width);
            var withFolio = FolioAtEdgePattern().IsMatch(topText) && key.Length > 0;
            if (key.Length > 0 && (repeats > 0 || ruled || withFolio))
            {
                var reason = repeats > 0
                    ? $"repeats at the top of {repeats} other page(s)"
                    : ruled ? "set above a rule in the top margin" : "carries the folio in the top margin";
                page.Drop(top, RunningHeadRule, repeats > 0 ? 0.95 : 0.9, "running head: " + reason);
            }
        }
    }

    private static string Letters(string text) => new string(text.Where(char.IsLetter).ToArray()).ToUpperInvariant();

    /// <summary>Similar enough after OCR noise: edit distance at most a fifth of the longer text.</summary>
    internal static bool Similar(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        var distance = Levenshtein(a, b);
        return distance <= Math.Max(a.Length, b.Length) / 5;
    }

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    internal static string LineText(RecognizedLine line) => string.Join(' ', line.Words.Select(w => w.Text));

    /// <summary>
    /// A footnote marker set as a raised, smaller glyph at the end of a word ("госпиталей¹."): Tesseract reads it as a
    /// digit or an apostrophe; its box sits clearly above the baseline.
    /// </summary>
    internal static (string Marker, int Start, int Length)? RaisedMarker(RecognizedWord word, RecognizedLine line, double lineHeight)
    {
        if (word.Symbols is not { Count: > 1 } symbols)
        {
            return null;
        }

        var raisedBottom = line.Baseline - 0.2 * lineHeight;
        var end = symbols.Count;
        while (end > 0 && symbols[end - 1].Text is "." or "," or ";" or ":" or ")" or "»")
        {
            end--;
        }

        // Digits and marks count when their box is raised; an apostrophe glued to a word is how Tesseract reads a
        // superscript one, and its box is often unreliable, so it counts wherever it sits.
        bool IsMarker(RecognizedSymbol symbol)
        {
            var c = symbol.Text[0];
            var raised = symbol.Box.Bottom < raisedBottom && symbol.Box.Height < lineHeight * 0.6;
            return MarkerApostrophes.Contains(c) || (raised && (char.IsAsciiDigit(c) || MarkerSigns.Contains(c)));
        }

        var start = end;
        while (start > 1 && IsMarker(symbols[start - 1]))
        {
            start--;
        }

        if (start == end || !symbols.Take(start).Any(s => char.IsLetterOrDigit(s.Text[0])))
        {
            return null;
        }

        var raised = string.Concat(symbols.Skip(start).Take(end - start).Select(s => s.Text));
        var offset = symbols.Take(start).Sum(s => s.Text.Length);
        var marker = raised.All(char.IsAsciiDigit) ? raised : raised.Contains('*') ? "*" : "?";
        return (marker, offset, raised.Length);
    }

    private const string MarkerApostrophes = "'’‘`";

    private const string MarkerSigns = "*†¹²³!\"”|";

    private static ValueList<Inline> LinesToInlines(IReadOnlyList<RecognizedLine> lines, PageAnalysis page, IReadOnlyDictionary<RecognizedWord, string> labels,
        bool singleLine = false, int skipWords = 0)
    {
        var inlines = new List<Inline>();
        var text = new StringBuilder();
        void FlushText()
        {
            if (text.Length > 0)
            {
                inlines.Add(new Text(text.ToString()));
                text.Clear();
            }
        }

        for (var l = 0; l < lines.Count; l++)
        {
            if (l > 0)
            {
                if (singleLine)
                {
                    text.Append(' ');
                }
                else
                {
                    FlushText();
                    inlines.Add(new LineBreak(Hard: false));
                }
            }

            var words = lines[l].Words;
            var wordsInLine = 0;
            for (var w = 0; w < words.Count; w++)
            {
                if (l == 0 && w < skipWords)
                {
                    continue;
                }

                if (wordsInLine > 0)
                {
                    text.Append(' ');
                }

                wordsInLine++;

                var word = words[w];
                if (labels.TryGetValue(word, out var label) && RaisedMarker(word, lines[l], page.LineHeight) is { } marker)
                {
                    text.Append(word.Text.AsSpan(0, Math.Min(marker.Start, word.Text.Length)));
                    FlushText();
                    inlines.Add(new FootnoteReference(label));
                    var rest = marker.Start + marker.Length;
                    if (rest < word.Text.Length)
                    {
                        text.Append(word.Text.AsSpan(rest));
                    }
                }
                else
                {
                    text.Append(word.Text);
                }
            }
        }

        FlushText();
        return inlines.ToValueList();
    }

    private sealed record Note(string Marker, IReadOnlyList<RecognizedLine> Lines);

    /// <summary>A footnote block may hold several notes: a new one starts at a line that begins with a marker.</summary>
    private static IEnumerable<Note> SplitFootnotes(LaidBlock block, PageAnalysis page)
    {
        var current = new List<RecognizedLine>();
        string? marker = null;
        foreach (var line in block.Lines)
        {
            var lineMarker = FootnoteMarker(line.Words[0].Text);
            if (lineMarker is not null && (current.Count == 0 || line.Box.X <= block.Lines.Min(l => l.Box.X) + page.LineHeight * 0.5))
            {
                if (marker is not null)
                {
                    yield return new Note(marker, current);
                }

                marker = lineMarker;
                current = [];
            }

            current.Add(line);
        }

        if (marker is not null && current.Count > 0)
        {
            yield return new Note(marker, current);
        }
    }

    internal static string? FootnoteMarker(string firstWord) => FootnoteMarkerPattern().Match(firstWord) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A paragraph of a text block, or a list item (its marker taken off its first line).</summary>
    internal sealed record TextUnit(List<RecognizedLine> Lines, ListMarker? Marker);

    /// <summary>
    /// Paragraphs and list items of a text block. A list item starts at a line beginning with a marker (see
    /// <see cref="ListMarkers"/>) and takes the lines after it that stand no further left than its marker, until the next
    /// marker, a short line followed by one not indented to the item's text, or a wider gap. Other lines make paragraphs:
    /// a new one at an indented line, after a clearly wider line gap, or after a short line when the block indents nothing.
    /// </summary>
    internal static List<TextUnit> Paragraphs(LaidBlock block, PageAnalysis page)
    {
        var lines = block.Lines;
        var lineHeight = page.LineHeight;
        var left = Percentile(lines.Select(l => (double)l.Box.X), 0.2);
        var right = Percentile(lines.Select(l => (double)l.Box.Right), 0.8);
        var indent = lineHeight * 0.7;
        var markers = lines.Select(l => ListMarkers.Of(l, lineHeight)).ToList();
        var anyIndented = lines.Skip(1).Where((l, i) => markers[i + 1] is null).Any(l => l.Box.X - left >= indent);
        var pitches = lines.Zip(lines.Skip(1), (a, b) => (double)(b.Box.Y - a.Box.Y)).ToList();
        var pitch = pitches.Count > 0 ? Percentile(pitches, 0.5) : lineHeight * 1.3;
        var units = new List<TextUnit>();
        TextUnit? item = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var previous = i > 0 ? lines[i - 1] : null;
            var gap = previous is not null && line.Box.Y - previous.Box.Y > pitch * 1.6;
            var shortBefore = previous is not null && previous.Box.Right < right - lineHeight * 2;
            if (markers[i] is { } marker)
            {
                units.Add(item = new TextUnit([line], marker));
                continue;
            }

            if (item is not null && !gap && line.Box.X >= item.Marker!.MarkerX - lineHeight * 0.5 &&
                (!shortBefore || Math.Abs(line.Box.X - item.Marker.TextX) <= lineHeight * 0.5))
            {
                item.Lines.Add(line);
                continue;
            }

            var continuesParagraph = item is null && previous is not null && !gap &&
                                     !(line.Box.X - left >= indent && line.Box.X - left < (right - left) / 3) && (anyIndented || !shortBefore);
            item = null;
            if (continuesParagraph)
            {
                units[^1].Lines.Add(line);
            }
            else
            {
                units.Add(new TextUnit([line], null));
            }
        }

        return DashRunsThatAreDialogue(units);
    }

    /// <summary>Dash-led units not reading as list items (dialogue: «— Нет, — сказал он.») are plain paragraphs, their dash kept.</summary>
    private static List<TextUnit> DashRunsThatAreDialogue(List<TextUnit> units)
    {
        for (var start = 0; start < units.Count;)
        {
            if (units[start].Marker?.Kind != ListMarkerKind.Dash)
            {
                start++;
                continue;
            }

            var end = start;
            while (end < units.Count && units[end].Marker?.Kind == ListMarkerKind.Dash)
            {
                end++;
            }

            var texts = units.Skip(start).Take(end - start).Select(u => string.Join(' ', u.Lines.Select(LineText))).ToList();
            if (!ListMarkers.DashesMakeAList(texts))
            {
                for (var i = start; i < end; i++)
                {
                    units[i] = units[i] with { Marker = null };
                }
            }

            start = end;
        }

        return units;
    }

    /// <summary>The next block's first line goes on the open paragraph: same column, not indented, at the usual line pitch.</summary>
    private static bool ContinuesParagraph(List<RecognizedLine> open, List<RecognizedLine> next, PageAnalysis page)
    {
        var last = open[^1];
        var first = next[0];
        var pitch = open.Count > 1 ? (double)(last.Box.Y - open[^2].Box.Y) : page.LineHeight * 1.3;
        var flushLeft = Math.Abs(first.Box.X - open.Min(l => l.Box.X)) < page.LineHeight * 0.5;
        var lastFull = last.Box.Right >= page.ColumnRight - page.LineHeight * 2;
        return flushLeft && lastFull && first.Box.Y - last.Box.Y <= pitch * 1.4 && first.Box.Y > last.Box.Y;
    }

    internal static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[(int)Math.Clamp(Math.Round(p * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }

    /// <summary>Arabic or Roman page numbers, maybe between dashes; Tesseract reads Latin numerals as Cyrillic look-alikes.</summary>
    [GeneratedRegex(@"^[\s\-–—.·]*(\d{1,4}|[IVXLCХІУ]{1,6})[\s\-–—.·]*$")]
    private static partial Regex FolioPattern();

    internal static bool FolioPatternMatch(string text) => FolioPattern().IsMatch(text);

    [GeneratedRegex(@"(^\d{1,4}\s)|(\s\d{1,4}$)")]
    private static partial Regex FolioAtEdgePattern();

    [GeneratedRegex(@"^(\d{1,3}|\*{1,3}|[¹²³†])\)?$")]
    private static partial Regex FootnoteMarkerPattern();

    [GeneratedRegex(@"\([А-ЯЁA-Z]{1,5}\)\s*$")]
    internal static partial Regex SourceMarkPattern();

    private sealed class IdSource(int page)
    {
        private int index;

        public string Next() => BlockIds.OnPage(page, ++index);
    }
}
