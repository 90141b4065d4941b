using System.Globalization;
using SkiaSharp;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Pdf;

public sealed record PdfWriteResult(int PageCount, IReadOnlyList<string> Warnings);

/// <summary>Typesets a book into a print PDF: mirrored margins, justified body text, folios, embedded font subsets.</summary>
public static class PdfBookWriter
{
    private const double FolioScale = 0.9;

    /// <summary>
    /// Skia rounds the page to whole raster pixels: at 508 dpi a pixel is 1/20 mm, so page sizes given
    /// to 0.05 mm come out exact (at 300 dpi 145 mm would become 411.12 pt instead of 411.02 pt).
    /// </summary>
    private const float RasterDpi = 508;

    /// <param name="resourceDirectory">Folder against which <see cref="Figure.ImagePath"/> is resolved.</param>
    public static PdfWriteResult Write(Book book, TypesettingSettings settings, string resourceDirectory, Stream output)
    {
        var geometry = PageGeometry.From(settings);
        using var fonts = new FontLibrary(FontResolver.System);
        var composer = new BookComposer(settings, geometry, fonts, new GreedyLineBreaker(), resourceDirectory);
        try
        {
            var pages = Paginator.Paginate(composer.Compose(book), geometry.TextHeight);
            var folio = new ParagraphStyle(fonts.Family(settings.BodyFont), FontVariant.Regular, settings.FontSizePt * FolioScale);
            Render(pages, geometry, folio, Metadata(book.Meta), output);
            return new PdfWriteResult(pages.Count, composer.Warnings);
        }
        finally
        {
            foreach (var image in composer.Images)
            {
                image.Dispose();
            }
        }
    }

    private static SKDocumentPdfMetadata Metadata(BookMeta meta)
    {
        // Start from the defaults: a bare struct would have encoding quality 0 (worst JPEG) instead of lossless.
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = meta.Title;
        metadata.Author = meta.Author;
        metadata.Subject = meta.Subtitle;
        metadata.Creator = "Typeset";
        metadata.Producer = "Typeset";
        metadata.RasterDpi = RasterDpi;
        return metadata;
    }

    private static void Render(List<List<PlacedElement>> pages, PageGeometry geometry, ParagraphStyle folio, SKDocumentPdfMetadata metadata, Stream output)
    {
        using var document = SKDocument.CreatePdf(output, metadata);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rulePaint = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        var sampling = new SKSamplingOptions(SKCubicResampler.Mitchell);
        for (var index = 0; index < pages.Count; index++)
        {
            var pageNumber = index + 1;
            var canvas = document.BeginPage((float)geometry.Width, (float)geometry.Height);
            var left = geometry.TextLeft(pageNumber);
            foreach (var (element, top) in pages[index])
            {
                var y = geometry.Top + top;
                switch (element)
                {
                    case TextLine line:
                        DrawLine(canvas, line.Line, left + line.Indent, y + line.Baseline, paint);
                        break;
                    case ImageElement image:
                        var rect = SKRect.Create((float)(left + image.Indent), (float)y, (float)image.Width, (float)image.Height);
                        canvas.DrawImage(image.Image, rect, sampling, paint);
                        break;
                    case RuleElement rule:
                        var middle = (float)(y + rule.Height / 2);
                        canvas.DrawLine((float)(left + rule.Indent), middle, (float)(left + rule.Indent + rule.Width), middle, rulePaint);
                        break;
                }
            }

            if (pageNumber > 1)
            {
                DrawFolio(canvas, pageNumber, geometry, left, folio, paint);
            }

            document.EndPage();
        }

        document.Close();
    }

    private static void DrawFolio(SKCanvas canvas, int pageNumber, PageGeometry geometry, double left, ParagraphStyle style, SKPaint paint)
    {
        var text = pageNumber.ToString(CultureInfo.InvariantCulture);
        var face = style.Family[style.Variant];
        var width = face.Measure(text, style.Size);
        var run = new PlacedRun(new TextRun(text, face, style.Size), (geometry.TextWidth - width) / 2);
        var baseline = geometry.Height - geometry.Bottom / 2;
        DrawLine(canvas, new PlacedLine([run], width), left, baseline, paint);
    }

    /// <summary>One text blob per line; each run carries its UTF-8 text and clusters so the PDF text extracts exactly.</summary>
    private static void DrawLine(SKCanvas canvas, PlacedLine line, double left, double baseline, SKPaint paint)
    {
        using var builder = new SKTextBlobBuilder();
        foreach (var placed in line.Runs)
        {
            var run = placed.Run;
            var shaped = run.Face.Shape(run.Text);
            if (shaped.Glyphs.Length == 0)
            {
                continue;
            }

            var scale = run.Size / run.Face.UnitsPerEm;
            var originX = left + placed.X;
            var originY = baseline - run.Rise;
            var positions = new SKPoint[shaped.Glyphs.Length];
            for (var g = 0; g < positions.Length; g++)
            {
                // HarfBuzz offsets point up, PDF canvas y points down.
                positions[g] = new SKPoint((float)(originX + shaped.X[g] * scale), (float)(originY - shaped.Y[g] * scale));
            }

            var buffer = builder.AllocatePositionedTextRun(run.Face.SkiaFont(run.Size), positions.Length, shaped.Utf8.Length, null);
            buffer.SetGlyphs(shaped.Glyphs);
            buffer.SetPositions(positions);
            buffer.SetText(shaped.Utf8);
            buffer.SetClusters(shaped.Clusters);
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
