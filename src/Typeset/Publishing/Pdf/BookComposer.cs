using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

/// <summary>Turns the book's blocks into a flow of lines, images and spaces for the paginator.</summary>
internal sealed class BookComposer(
    TypesettingSettings settings,
    PageGeometry geometry,
    FontLibrary fonts,
    ILineBreaker lineBreaker,
    string resourceDirectory)
{
    private const double FootnoteScale = 0.8;
    private const double CaptionScale = 0.9;
    private const double MaxImageShareOfTextHeight = 0.6;

    private readonly List<FlowElement> flow = [];
    private readonly List<string> warnings = [];
    private readonly Dictionary<string, SKImage> images = new(StringComparer.Ordinal);
    private readonly TypeFamily body = fonts.Family(settings.BodyFont);
    private readonly TypeFamily heading = fonts.Family(settings.HeadingFont);

    private double Size => settings.FontSizePt;

    private double Leading => settings.LeadingPt;

    private double Indent => settings.ParagraphIndentEm * Size;

    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>Decoded figure images; the caller disposes them once the PDF is written.</summary>
    public IEnumerable<SKImage> Images => images.Values;

    public List<FlowElement> Compose(Book book)
    {
        // Each block tells whether a paragraph after it is indented (not after headings, breaks and quotes).
        var indentNextParagraph = true;
        foreach (var block in book.Blocks)
        {
            indentNextParagraph = block switch
            {
                Heading h => AddHeading(h),
                Paragraph p => AddParagraph(p.Content, indentNextParagraph),
                Figure f => AddFigure(f),
                Footnote f => AddFootnote(f),
                Quote q => AddQuote(q),
                ThematicBreak => AddThematicBreak(),
                PageMarker => indentNextParagraph,
                _ => throw new InvalidOperationException($"Unknown block {block.GetType().Name}"),
            };
        }

        return flow;
    }

    private bool AddHeading(Heading block)
    {
        // Size relative to body text; space before and after in body lines.
        var (scale, before, after) = block.Level switch
        {
            1 => (1.6, 3.0, 2.0),
            2 => (1.25, 1.5, 0.75),
            _ => (1.1, 1.0, 0.5),
        };
        var size = Size * scale;
        if (block.Level == 1)
        {
            flow.Add(new PageBreak());
            flow.Add(new Spacer(before * Leading, KeepAtPageTop: true));
        }
        else
        {
            flow.Add(new Spacer(before * Leading) { KeepWithNext = true });
        }

        var style = new ParagraphStyle(heading, FontVariant.Bold, size);
        var lines = SetLines(block.Content, style, size * 1.25, TextAlign.Center, 0, 0);
        flow.AddRange(lines.Select(line => line with { KeepWithNext = true }));
        flow.Add(new Spacer(after * Leading) { KeepWithNext = true });
        return false;
    }

    private bool AddParagraph(IEnumerable<Inline> content, bool indent, double leftIndent = 0, double rightIndent = 0)
    {
        var style = new ParagraphStyle(body, FontVariant.Regular, Size, indent ? Indent : 0);
        AddWithWidowControl(SetLines(content, style, Leading, TextAlign.Justify, leftIndent, rightIndent));
        return true;
    }

    private bool AddFootnote(Footnote block)
    {
        var size = Size * FootnoteScale;
        var style = new ParagraphStyle(body, FontVariant.Regular, size, Indent);
        var content = block.Content.Prepend(new Text("\u00A0")).Prepend(new Superscript(block.Label));
        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        AddWithWidowControl(SetLines(content, style, Leading * FootnoteScale, TextAlign.Justify, 0, 0));
        return true;
    }

    private bool AddQuote(Quote block)
    {
        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        var indent = false;
        foreach (var paragraph in block.Paragraphs)
        {
            AddParagraph(paragraph.Content, indent, leftIndent: 2 * Size, rightIndent: Size);
            indent = true;
        }

        flow.Add(new Spacer(Leading / 2));
        return false;
    }

    private bool AddThematicBreak()
    {
        var width = 3 * Size;
        // Kept with what follows so a rule under a heading never leaves the heading alone at a page foot.
        flow.Add(new RuleElement(Leading * 1.5, (geometry.TextWidth - width) / 2, width) { KeepWithNext = true });
        return false;
    }

    private bool AddFigure(Figure figure)
    {
        var image = LoadImage(figure.ImagePath);
        var captionSize = Size * CaptionScale;
        var captionStyle = new ParagraphStyle(body, FontVariant.Italic, captionSize);
        var caption = SetLines(figure.Caption, captionStyle, Leading * CaptionScale, TextAlign.Center, 0, 0);

        flow.Add(new Spacer(Leading / 2) { KeepWithNext = true });
        var parts = new List<FlowElement>();
        if (image is not null)
        {
            var width = geometry.TextWidth;
            var height = width * image.Height / image.Width;
            var maxHeight = geometry.TextHeight * MaxImageShareOfTextHeight;
            if (height > maxHeight)
            {
                (width, height) = (maxHeight * image.Width / image.Height, maxHeight);
            }

            parts.Add(new ImageElement(image, (geometry.TextWidth - width) / 2, width, height));
            if (caption.Count > 0)
            {
                parts.Add(new Spacer(Leading / 2));
            }
        }

        parts.AddRange(caption);
        for (var i = 0; i < parts.Count - 1; i++)
        {
            parts[i] = parts[i] with { KeepWithNext = true };
        }

        flow.AddRange(parts);
        flow.Add(new Spacer(Leading / 2));
        return true;
    }

    private SKImage? LoadImage(string relativePath)
    {
        if (relativePath.Length == 0)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(resourceDirectory, relativePath));
        if (images.TryGetValue(path, out var loaded))
        {
            // The same image object is embedded in the PDF once, however often it is drawn.
            return loaded;
        }

        if (!File.Exists(path))
        {
            warnings.Add($"figure image '{relativePath}' not found ({path}); caption only");
            return null;
        }

        var image = SKImage.FromEncodedData(path);
        if (image is null || image.Width == 0 || image.Height == 0)
        {
            image?.Dispose();
            warnings.Add($"figure image '{relativePath}' cannot be decoded ({path}); caption only");
            return null;
        }

        images.Add(path, image);
        return image;
    }

    private List<TextLine> SetLines(IEnumerable<Inline> content, ParagraphStyle style, double leading, TextAlign align, double leftIndent, double rightIndent)
    {
        var measure = geometry.TextWidth - leftIndent - rightIndent;
        var items = ParagraphBuilder.Build(content, style, measure);
        var baseline = (leading + style.Size * 0.6) / 2;
        return lineBreaker.Break(items, measure)
            .Select(span => new TextLine(leading, baseline, leftIndent, LineSetter.Place(items, span, measure, align)))
            .ToList();
    }

    /// <summary>No single first line at a page foot and no single last line at a page head.</summary>
    private void AddWithWidowControl(List<TextLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var keep = (i == 0 && lines.Count > 1) || i == lines.Count - 2;
            flow.Add(keep ? lines[i] with { KeepWithNext = true } : lines[i]);
        }
    }
}
