using Typeset.IO;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing.Pdf;

namespace Typeset.Publishing;

/// <summary>Typesets the book into output/book.pdf (written atomically).</summary>
public sealed class PdfStage : IStage
{
    public const string StageName = "pdf";

    public string Name => StageName;

    public Book Run(Book book, StageContext context)
    {
        PdfWriteResult? result = null;
        AtomicFile.Write(context.TargetFile ?? context.Config.Paths.BookPdf, stream =>
            result = PdfBookWriter.Write(book, context.Config.Typesetting, context.Resources, stream));
        foreach (var warning in result!.Warnings)
        {
            context.Warn(warning);
        }

        var stats = result.Statistics;
        context.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{result.PageCount} pages; {stats.Lines} justified lines, {stats.LooseLines} loose (ratio > 1), {stats.HyphenatedLines} hyphenated ({stats.HyphenatedShare:P1}), {stats.OverfullLines} overfull"));
        return book;
    }
}
