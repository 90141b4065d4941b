using System.Globalization;
using System.Text.RegularExpressions;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>Lists, tables, epigraphs, verse and the front matter a book brings itself (title page, imprint).</summary>
internal sealed partial class BookComposer
{
    /// <summary>Gap between a list marker and the item's text, in ems.</summary>
    private const double MarkerGap = 0.5;

    /// <summary>Tables are set a size smaller than the text, as books set them.</summary>
    private const double TableScale = 0.9;

    /// <summary>A table in type smaller than this share of its own size is split into column groups instead.</summary>
    private const double SmallestTableScale = 0.75;

    private static readonly string[] Bullets = ["—", "•", "◦"];

    /// <summary>
    /// A list: each item's blocks hang from the marker (numbers right-aligned on their dot, so 9. and 10. line up);
    /// nested lists indent by their own markers. Past a third of the measure indentation stops growing (a warning says so),
    /// so a list nested 50 deep still has room for its text.
    /// </summary>
    private void AddList(ListBlock list, Frame frame, ReferenceCounter counter, List<FlowElement> into)
    {
        var size = Size * frame.Scale;
        var face = body[FontVariant.Regular];
        var markers = list.Items.Select((_, k) => list.Kind == ListKind.Ordered
            ? (list.Start + k).ToString(CultureInfo.InvariantCulture) + "."
            : Bullets[frame.ListDepth % Bullets.Length]).ToList();
        var gap = MarkerGap * size;
        var markerWidth = markers.Count == 0 ? 0 : markers.Max(marker => face.Measure(marker, size));
        var hang = markerWidth + gap;
        var left = frame.Left + hang;
        if (left > geometry.TextWidth / 3)
        {
            left = frame.Left;
            if (!listDepthWarned)
            {
                listDepthWarned = true;
                warnings.Add(new BookWarning(list.Id, WarningKind.List, $"list nested {frame.ListDepth + 1} deep: indentation stops growing past a third of the measure"));
            }
        }

        AddSpace(into, frame, Leading / 4);
        var itemFrame = frame with { Left = left, ListDepth = frame.ListDepth + 1 };
        for (var k = 0; k < list.Items.Count; k++)
        {
            var itemFlow = new List<FlowElement>();
            var item = NewNode($"{list.Id}.{k}", "LI", frame.TopLevel);
            var itemBody = NewNode($"{list.Id}.{k}", "LBody", frame.TopLevel);
            ComposeChildren(list.Items[k].Body, itemFrame, counter, itemFlow);
            Wrap(itemFlow, 0, itemBody);
            var markerRun = new TextRun(markers[k], face, size);
            var markerX = -gap - face.Measure(markers[k], size);
            var firstLine = itemFlow.FindIndex(element => element is TextLine);
            if (firstLine >= 0 && itemFlow.Take(firstLine).All(element => element is Spacer))
            {
                var line = (TextLine)itemFlow[firstLine];
                var x = markerX - (line.Indent - left);
                itemFlow[firstLine] = line with { Line = line.Line with { Runs = [new PlacedRun(markerRun, x), .. line.Line.Runs] }, LabelRuns = 1 };
            }
            else
            {
                // An empty item, or one that opens with a figure or table: the marker stands on a line of its own.
                var leading = Leading * frame.Scale;
                itemFlow.Insert(0, new TextLine(leading, Baseline(leading, size), left, new PlacedLine([new PlacedRun(markerRun, markerX)], 0)) { KeepWithNext = itemFlow.Count > 0, LabelRuns = 1 });
            }

            // The marker is the item's Lbl (drawn in its own mark), the blocks its LBody.
            Wrap(itemFlow, 0, item);

            if (!list.Tight && k > 0)
            {
                AddSpace(into, frame, Leading / 3);
            }

            into.AddRange(itemFlow);
        }

        AddSpace(into, frame, Leading / 4);
    }

    /// <summary>
    /// An epigraph, set as one: a narrower measure at the right of the text block, in smaller type, ragged, the
    /// attribution under it in italic flush right; kept on one page unless it is longer than a page.
    /// </summary>
    private void AddEpigraph(Epigraph epigraph, Frame frame, ReferenceCounter counter, List<FlowElement> into)
    {
        var available = geometry.TextWidth - frame.Left - frame.Right;
        var measure = Math.Min(available, Math.Max(available * 0.55, 18 * Size));
        var epigraphFrame = frame with { Left = frame.Left + available - measure, Scale = frame.Scale * CaptionScale, Ragged = true };
        var lines = new List<FlowElement>();
        ComposeChildren(epigraph.Body, epigraphFrame, counter, lines);
        if (epigraph.Attribution.Count > 0)
        {
            var size = Size * epigraphFrame.Scale;
            var style = new ParagraphStyle(body, FontVariant.Italic, size) { Mono = mono };
            lines.Add(new Spacer(Leading / 3));
            var attribution = NewNode(epigraph.Id + ".attribution", "P", frame.TopLevel);
            lines.AddRange(SetRaggedAt(epigraph.Attribution, style, Leading * epigraphFrame.Scale, TextAlign.Right, epigraphFrame, counter)
                .Select(line => line with { Structure = [attribution] }));
        }

        for (var i = 0; i < lines.Count - 1; i++)
        {
            lines[i] = lines[i] with { KeepWithNext = true };
        }

        into.AddRange(lines);
        AddSpace(into, frame, Leading * 1.5);
    }

    /// <summary>
    /// Verse: every line as written, ragged, indented; a line too long for the measure turns over with a deeper indent
    /// (the turnover belongs to its line); a stanza's first and last two lines are kept together; stanzas apart.
    /// </summary>
    private void AddVerse(Verse verse, Frame frame, ReferenceCounter counter, List<FlowElement> into)
    {
        var size = Size * frame.Scale;
        var leading = Leading * frame.Scale;
        var indent = frame.Left + 2 * size;
        var turnover = 2 * size;
        var measure = Math.Max(4 * size, geometry.TextWidth - indent - frame.Right - turnover);
        var style = new ParagraphStyle(body, FontVariant.Regular, size) { Mono = mono };
        AddSpace(into, frame, leading / 2);
        for (var s = 0; s < verse.Stanzas.Count; s++)
        {
            if (s > 0)
            {
                AddSpace(into, frame, leading);
            }

            var stanza = new List<TextLine>();
            var turnedOver = new List<bool>();
            var stanzaNode = NewNode($"{verse.Id}.{s}", "P", frame.TopLevel);
            foreach (var verseLine in VerseLines.Of(verse.Stanzas[s].Content))
            {
                // Verse is never hyphenated: a line too long turns over whole words.
                var items = ParagraphBuilder.Build(verseLine, style, measure);
                if (items.Count == 0)
                {
                    continue;
                }

                var first = counter.Base;
                var noteOf = frame.InNote ? (Func<int, NoteBody?>)(_ => null) : NotesOf(frame.TopLevel, counter, first);
                counter.Base += FootnotePairing.Walk(verseLine).Count();
                var spans = raggedBreaker.Break(items, measure);
                for (var k = 0; k < spans.Count; k++)
                {
                    stanza.Add(new TextLine(leading, Baseline(leading, size), k == 0 ? indent : indent + turnover,
                        LineSetter.Place(items, spans[k], measure, TextAlign.Left))
                    {
                        Structure = [stanzaNode],
                        Notes = NotesOn(items, spans[k], noteOf),
                        Characters = CountedCharacters(items, spans[k].Start, spans[k].End),
                    });
                    turnedOver.Add(k < spans.Count - 1);
                }
            }

            for (var i = 0; i < stanza.Count; i++)
            {
                var keep = i < 1 || i >= stanza.Count - 2 || turnedOver[i];
                into.Add(keep && i < stanza.Count - 1 ? stanza[i] with { KeepWithNext = true } : stanza[i]);
            }
        }

        AddSpace(into, frame, leading / 2);
    }

    /// <summary>
    /// The book's own title page: its lines centred on a page of its own; the title (the block that reads as the title in
    /// pipeline.json, else one set entirely in bold, else the first heading) large.
    /// </summary>
    private void AddScannedTitlePage(FrontMatter titlePage, Frame frame, ReferenceCounter counter, BookMeta meta)
    {
        flow.Add(new PageBreak());
        flow.Add(new PlainPageMarker());
        flow.Add(new Spacer(geometry.TextHeight * 0.12, KeepAtPageTop: true));
        var blocks = titlePage.Body.ToList();
        var titleKey = LettersOnly(meta.Title);
        var title = blocks.FindIndex(b => titleKey.Length > 0 && LettersOnly(string.Concat(BookWalk.TextOf(b).Select(p => Inlines.PlainText(p.Content)))) == titleKey);
        title = title >= 0 ? title : blocks.FindIndex(b => b is Paragraph { Content: [Strong] });
        title = title >= 0 ? title : blocks.FindIndex(b => b is Heading);
        for (var i = 0; i < blocks.Count; i++)
        {
            var content = BookWalk.TextOf(blocks[i]).SelectMany(part => part.Content).ToValueList();
            var (style, leading) = i == title
                ? (new ParagraphStyle(heading, FontVariant.Bold, Size * 2), Size * 2.5)
                : (new ParagraphStyle(body, FontVariant.Regular, Size * 1.1), Size * 1.5);
            flow.Add(new Spacer(i == title ? Leading * 2 : Leading, KeepAtPageTop: true));
            flow.AddRange(SetRaggedAt(content, style, leading, TextAlign.Center, frame, counter));
        }

        flow.Add(new PageBreak());
    }

    private static string LettersOnly(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>
    /// The imprint as the title verso (ГОСТ Р 7.0.4-2020), line by line: the classification indexes (УДК, ББК) and the
    /// author mark each on its own line at the top left, the bibliographic record and the annotation in smaller type
    /// (their scan wraps flow), ISBN at the foot on the left and each © line at the foot on the right.
    /// </summary>
    private void AddImprint(FrontMatter imprint, Frame frame, ReferenceCounter counter)
    {
        var small = Size * 0.85;
        var leading = Leading * 0.85;
        var style = new ParagraphStyle(body, FontVariant.Regular, small) { Mono = mono };
        var top = new List<TextLine>();
        var middle = new List<TextLine>();
        var isbn = new List<TextLine>();
        var copyright = new List<TextLine>();
        var imprintFrame = frame with { Scale = 0.85 };
        foreach (var block in imprint.Body)
        {
            foreach (var part in BookWalk.TextOf(block))
            {
                foreach (var line in ImprintLines.HardLines(ImprintLines.WithLineEndsKept(part.Content)))
                {
                    switch (ImprintLines.KindOf(Inlines.PlainText(line)))
                    {
                        case ImprintLineKind.Classification or ImprintLineKind.AuthorMark:
                            top.AddRange(SetRaggedAt(line, style, leading, TextAlign.Left, imprintFrame, counter));
                            break;
                        case ImprintLineKind.Isbn:
                            isbn.AddRange(SetRaggedAt(line, style, leading, TextAlign.Left, imprintFrame, counter));
                            break;
                        case ImprintLineKind.Copyright:
                            copyright.AddRange(SetRaggedAt(line, style, leading, TextAlign.Right, imprintFrame, counter));
                            break;
                        default:
                            var broken = BreakJustified(line, style with { FirstIndent = Indent * 0.85 }, 0, 0);
                            middle.AddRange(SetJustified(broken, leading, _ => null).Lines);
                            counter.Base += FootnotePairing.Walk(line).Count();
                            break;
                    }
                }
            }
        }

        var foot = SideBySide(isbn, copyright, small);

        // The verso of the title leaf: a page of its own, nothing of the text on it.
        flow.Add(new PageBreak());
        flow.Add(new PlainPageMarker());
        flow.AddRange(top.Select(line => line with { KeepWithNext = true }));
        flow.Add(new Spacer(Leading, KeepAtPageTop: true));
        flow.AddRange(middle);
        var used = top.Sum(line => line.Height) + Leading + middle.Sum(line => line.Height);
        var footHeight = foot.Sum(line => line.Height);
        if (used + footHeight < geometry.TextHeight)
        {
            flow.Add(new Spacer(geometry.TextHeight - used - footHeight - 0.5, KeepAtPageTop: true));
        }

        flow.AddRange(foot);
        flow.Add(new PageBreak());
    }

    /// <summary>
    /// The verso's foot: ISBN lines at the left and © lines flush right sharing their lines from the top, as a title verso
    /// sets them; lines that would touch are stacked instead (ISBN first).
    /// </summary>
    private List<TextLine> SideBySide(List<TextLine> left, List<TextLine> right, double gap)
    {
        var rows = Math.Max(left.Count, right.Count);
        var widest = left.Count == 0 ? 0 : left.Max(line => line.Line.Width);
        var rightWidest = right.Count == 0 ? 0 : right.Max(line => line.Line.Width);
        if (left.Count == 0 || right.Count == 0 || widest + gap + rightWidest > geometry.TextWidth)
        {
            return [.. left, .. right];
        }

        var lines = new List<TextLine>(rows);
        for (var i = 0; i < rows; i++)
        {
            if (i >= left.Count || i >= right.Count)
            {
                lines.Add(i < left.Count ? left[i] : right[i]);
                continue;
            }

            var (a, b) = (left[i], right[i]);
            lines.Add(a with
            {
                Line = new PlacedLine([.. a.Line.Runs, .. b.Line.Runs], geometry.TextWidth),
                Notes = [.. a.Notes, .. b.Notes],
                Characters = a.Characters + b.Characters,
            });
        }

        return lines;
    }
}
