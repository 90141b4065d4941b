using Typeset.Interop.Tesseract;

namespace Typeset.Ocr;

/// <summary>What a text block of the page is, decided by <see cref="PageAnalysis"/>.</summary>
public enum Role
{
    Body,
    Heading,
    Figure,
    Caption,
    Footnote,
    Noise,
}

/// <summary>A block of the page with its role and its lines (running heads and folios taken out).</summary>
public sealed class LaidBlock(RecognizedBlock block, IReadOnlyList<RecognizedLine> lines)
{
    public RecognizedBlock Block { get; } = block;

    public IReadOnlyList<RecognizedLine> Lines { get; } = lines;

    public Role Role { get; set; } = Role.Body;

    public int HeadingLevel { get; set; } = 2;

    public double MedianLineHeight => PageLayout.Percentile(Lines.Select(l => (double)l.Box.Height), 0.5);
}

/// <summary>The geometry of one page: body line height, text column, margin-band candidates and the role of each block.</summary>
public sealed class PageAnalysis
{
    private readonly List<DroppedLine> dropped = [];
    private readonly HashSet<RecognizedLine> droppedLines = new(ReferenceEqualityComparer.Instance);
    private List<LaidBlock>? ordered;

    public PageAnalysis(OcrPage page)
    {
        Page = page;
        var lines = page.Recognized.Blocks.SelectMany(b => b.Lines).OrderBy(l => l.Box.Y).ToList();
        var bodyLines = page.Recognized.Blocks.Where(b => b.Lines.Count >= 3).SelectMany(b => b.Lines).ToList();
        var measured = bodyLines.Count > 0 ? bodyLines : lines;
        LineHeight = measured.Count > 0 ? PageLayout.Percentile(measured.Select(l => (double)l.Box.Height), 0.5) : page.Dpi * 0.15;
        ColumnLeft = measured.Count > 0 ? PageLayout.Percentile(measured.Select(l => (double)l.Box.X), 0.1) : 0;
        ColumnRight = measured.Count > 0 ? PageLayout.Percentile(measured.Select(l => (double)l.Box.Right), 0.9) : page.Recognized.Width;

        var height = page.Recognized.Height;
        if (lines.Count > 0)
        {
            var first = lines[0];
            if (first.Box.Bottom < height * 0.12 && (lines.Count == 1 || lines[1].Box.Y - first.Box.Bottom >= LineHeight * 0.8))
            {
                TopCandidate = first;
            }

            var last = lines[^1];
            if (last != TopCandidate && last.Box.Y > height * 0.88 && (lines.Count == 1 || last.Box.Y - lines[^2].Box.Bottom >= LineHeight * 0.8))
            {
                BottomCandidate = last;
            }
        }
    }

    public OcrPage Page { get; }

    /// <summary>The median height of body text lines, the page's unit of measure.</summary>
    public double LineHeight { get; }

    public double ColumnLeft { get; }

    public double ColumnRight { get; }

    /// <summary>The topmost line when it stands apart in the top margin band: maybe a running head or folio.</summary>
    public RecognizedLine? TopCandidate { get; }

    /// <summary>The bottom line when it stands apart in the bottom margin band: maybe a folio.</summary>
    public RecognizedLine? BottomCandidate { get; }

    public IReadOnlyList<DroppedLine> Dropped => dropped;

    public bool IsDropped(RecognizedLine line) => droppedLines.Contains(line);

    internal void Drop(RecognizedLine line, string rule, double confidence, string reason)
    {
        if (droppedLines.Add(line))
        {
            dropped.Add(new DroppedLine(Page.Number, rule, PageLayout.LineText(line), line.Box, confidence, reason));
        }
    }

    /// <summary>Figures, headings and body blocks in reading order (captions and footnotes travel with their owners).</summary>
    public IReadOnlyList<LaidBlock> Ordered => ordered ??= Lay();

    public Dictionary<LaidBlock, LaidBlock> CaptionOf { get; } = new(ReferenceEqualityComparer.Instance);

    public List<LaidBlock> FootnoteBlocks { get; } = [];

    public IEnumerable<LaidBlock> Body => Ordered.Where(b => b.Role == Role.Body);

    /// <summary>Image regions big enough to be a figure rather than a speck, an ornament or a stamp.</summary>
    public static bool IsFigureRegion(RecognizedBlock block, int pageWidth, int pageHeight) =>
        block.IsImage && block.Box.Width >= pageWidth * 0.08 && block.Box.Height >= pageHeight * 0.04;

    private List<LaidBlock> Lay()
    {
        var recognized = Page.Recognized;
        var all = recognized.Blocks
            .Select(b => new LaidBlock(b, b.Lines.Where(l => !IsDropped(l)).ToList()))
            .Where(b => b.Lines.Count > 0 || Page.Figures.Any(f => f.Box == b.Block.Box))
            .ToList();
        var figures = all.Where(b => b.Lines.Count == 0).ToList();
        var texts = all.Where(b => b.Lines.Count > 0).ToList();
        foreach (var figure in figures)
        {
            figure.Role = Role.Figure;
        }

        // Text "found" inside a photo is noise.
        foreach (var text in texts.Where(t => figures.Any(f => Overlap(t.Block.Box, f.Block.Box) >= 0.6 * Area(t.Block.Box))))
        {
            text.Role = Role.Noise;
        }

        foreach (var figure in figures)
        {
            var caption = FindCaption(figure, texts.Where(t => t.Role == Role.Body)) ?? SplitCaptionOff(figure, texts, all);
            if (caption is not null)
            {
                caption.Role = Role.Caption;
                CaptionOf[figure] = caption;
            }
        }

        foreach (var text in texts.Where(t => t.Role == Role.Body))
        {
            if (IsFootnote(text, texts))
            {
                text.Role = Role.Footnote;
                FootnoteBlocks.Add(text);
            }
        }

        var contentSeen = false;
        foreach (var block in all)
        {
            if (block.Role == Role.Body && IsHeading(block))
            {
                block.Role = Role.Heading;
                block.HeadingLevel = !contentSeen && block.Block.Box.Y < recognized.Height * 0.4 ? 1 : 2;
            }

            contentSeen |= block.Role is Role.Body or Role.Figure;
        }

        return all.Where(b => b.Role is Role.Body or Role.Heading or Role.Figure).ToList();
    }

    /// <summary>
    /// The text block bound to a figure: adjacent below (preferred), above or beside it, overlapping it across, and set
    /// apart from the body: Tesseract calls it a caption, or its type is smaller, or it is narrower than the column and
    /// centred, or it ends with a source mark like "(АА)".
    /// </summary>
    private LaidBlock? FindCaption(LaidBlock figure, IEnumerable<LaidBlock> candidates)
    {
        var f = figure.Block.Box;
        var reach = LineHeight * 3;
        LaidBlock? best = null;
        var bestScore = double.MaxValue;
        foreach (var text in candidates)
        {
            var t = text.Block.Box;
            if (text.Lines.Count > 12)
            {
                continue;
            }

            var horizontalOverlap = Math.Min(t.Right, f.Right) - Math.Max(t.X, f.X);
            var verticalOverlap = Math.Min(t.Bottom, f.Bottom) - Math.Max(t.Y, f.Y);
            double distance;
            if (horizontalOverlap >= 0.6 * t.Width && t.Y >= f.Bottom - LineHeight && t.Y - f.Bottom <= reach)
            {
                distance = t.Y - f.Bottom;
            }
            else if (horizontalOverlap >= 0.6 * t.Width && t.Bottom <= f.Y + LineHeight && f.Y - t.Bottom <= reach)
            {
                distance = (f.Y - t.Bottom) + LineHeight; // above: only when nothing fits below
            }
            else if (verticalOverlap >= 0.5 * t.Height && (Math.Abs(t.X - f.Right) <= reach || Math.Abs(f.X - t.Right) <= reach))
            {
                distance = Math.Min(Math.Abs(t.X - f.Right), Math.Abs(f.X - t.Right)) + LineHeight;
            }
            else
            {
                continue;
            }

            var text0 = string.Join(' ', text.Lines.Select(PageLayout.LineText));
            var centre = (t.X + t.Right) / 2.0;
            var columnCentre = (ColumnLeft + ColumnRight) / 2;
            var distinct = text.Block.Kind == BlockKind.CaptionText ||
                           text.MedianLineHeight < LineHeight * 0.92 ||
                           PageLayout.SourceMarkPattern().IsMatch(text0) ||
                           (t.Width < (ColumnRight - ColumnLeft) * 0.9 && (Math.Abs(centre - columnCentre) < LineHeight || Math.Abs(centre - (f.X + f.Right) / 2.0) < LineHeight)) ||
                           t.Right <= f.X || t.X >= f.Right;
            if (distinct && distance < bestScore)
            {
                (best, bestScore) = (text, distance);
            }
        }

        return best;
    }

    /// <summary>
    /// Tesseract sometimes puts a caption and the body text under it into one block: the block's leading lines right
    /// under the figure that are set apart (smaller, or narrower than the column on both sides) are split off as the
    /// caption, and the rest stays body text.
    /// </summary>
    private LaidBlock? SplitCaptionOff(LaidBlock figure, List<LaidBlock> texts, List<LaidBlock> all)
    {
        var f = figure.Block.Box;
        var below = texts.Where(t => t.Role == Role.Body && t.Lines.Count > 1 && t.Lines[0].Box.Y >= f.Bottom - LineHeight &&
                                     t.Lines[0].Box.Y - f.Bottom <= LineHeight * 3 &&
                                     Math.Min(t.Block.Box.Right, f.Right) - Math.Max(t.Block.Box.X, f.X) > 0)
            .OrderBy(t => t.Lines[0].Box.Y).FirstOrDefault();
        if (below is null)
        {
            return null;
        }

        bool SetApart(RecognizedLine line) =>
            line.Box.Height < LineHeight * 0.92 ||
            (line.Box.X > ColumnLeft + LineHeight && line.Box.Right < ColumnRight - LineHeight &&
             Math.Abs((line.Box.X + line.Box.Right) / 2.0 - (f.X + f.Right) / 2.0) < LineHeight * 1.5);

        var count = below.Lines.TakeWhile(SetApart).Count();
        if (count == 0 || count == below.Lines.Count)
        {
            return null;
        }

        var captionLines = below.Lines.Take(count).ToList();
        var bodyLines = below.Lines.Skip(count).ToList();
        var caption = new LaidBlock(below.Block with { Kind = BlockKind.CaptionText, Box = PageLayout.Union(captionLines.Select(l => l.Box)) }, captionLines);
        var body = new LaidBlock(below.Block with { Box = PageLayout.Union(bodyLines.Select(l => l.Box)) }, bodyLines);
        var index = all.IndexOf(below);
        all[index] = body;
        all.Insert(index, caption);
        texts[texts.IndexOf(below)] = body;
        texts.Add(caption);
        return caption;
    }

    /// <summary>Small text in the lower part of the page, starting with a marker, with no body text below it.</summary>
    private bool IsFootnote(LaidBlock text, List<LaidBlock> texts)
    {
        var box = text.Block.Box;
        if (box.Y < Page.Recognized.Height * 0.5 || PageLayout.FootnoteMarker(text.Lines[0].Words[0].Text) is null)
        {
            return false;
        }

        var ruleAbove = Page.Recognized.Blocks.Any(b => b.Kind == BlockKind.HorizontalLine && b.Box.Bottom <= box.Y &&
                                                        box.Y - b.Box.Bottom <= LineHeight * 2.5 && b.Box.Width < (ColumnRight - ColumnLeft) * 0.7);
        var smaller = text.MedianLineHeight <= LineHeight * 0.88;
        var bodyBelow = texts.Any(t => t != text && t.Role is Role.Body && t.Block.Box.Y > box.Bottom);
        return !bodyBelow && (smaller || (ruleAbove && text.MedianLineHeight <= LineHeight * 0.95));
    }

    /// <summary>A short block set apart by size, or centred and in capitals, without a full stop at its end.</summary>
    private bool IsHeading(LaidBlock block)
    {
        if (block.Lines.Count > 3)
        {
            return false;
        }

        var text = string.Join(' ', block.Lines.Select(PageLayout.LineText)).Trim();
        if (text.Count(char.IsLetter) < 3 || text.EndsWith('.') || text.EndsWith(',') || PageLayout.FolioPatternMatch(text))
        {
            return false;
        }

        var box = block.Block.Box;
        var letters = text.Where(char.IsLetter).ToList();
        var capitals = letters.Count > 0 && letters.Count(char.IsUpper) >= letters.Count * 0.7;
        var centred = Math.Abs((box.X + box.Right) / 2.0 - (ColumnLeft + ColumnRight) / 2) < LineHeight * 1.5 &&
                      box.Width < (ColumnRight - ColumnLeft) * 0.85;
        var larger = block.MedianLineHeight >= LineHeight * 1.25;
        return block.MedianLineHeight >= LineHeight * 1.4 || (centred && (capitals || larger)) || (capitals && larger && letters.Count > 3);
    }

    private static double Area(Box box) => (double)box.Width * box.Height;

    private static double Overlap(Box a, Box b)
    {
        var width = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var height = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        return width > 0 && height > 0 ? (double)width * height : 0;
    }
}
