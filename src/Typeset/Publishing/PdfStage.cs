using Typeset.IO;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Publishing.Pdf;
using Typeset.Publishing.Preflight;

namespace Typeset.Publishing;

/// <summary>Typesets the book into output/book.pdf (written atomically).</summary>
public sealed class PdfStage : IStage
{
    public const string StageName = "pdf";

    public string Name => StageName;

    /// <summary>Where the preflight table of <paramref name="pdf"/> goes: book.pdf → book.preflight.md.</summary>
    public static string PreflightReportPath(string pdf) => Path.ChangeExtension(pdf, ".preflight.md");

    public Book Run(Book book, StageContext context)
    {
        PdfWriteResult? result = null;
        var target = context.TargetFile ?? context.Config.Paths.BookPdf;
        AtomicFile.Write(target, stream =>
            result = PdfBookWriter.Write(book, context.Config.Typesetting, context.Resources, stream, AltText(context.Config)));
        foreach (var warning in result!.Warnings)
        {
            context.Warn(warning);
        }

        // The EPUB's page list follows this build's pages (the key says which book and settings they belong to).
        var pageMapFile = context.Config.Paths.PrintPageMapFile;
        Directory.CreateDirectory(Path.GetDirectoryName(pageMapFile)!);
        AtomicFile.WriteAllText(pageMapFile, result.PageMap.ToJson(PrintPageMap.KeyOf(book, context.Config.Typesetting, context.ResourceFolder)));

        var stats = result.Statistics;
        var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{result.PageCount} pages; {stats.Lines} justified lines, {stats.LooseLines} loose (ratio > 1), {stats.HyphenatedLines} hyphenated ({stats.HyphenatedShare:P1}), {stats.OverfullLines} overfull");
        if (context.Config.Typesetting.PdfX && context.Config.Typesetting.Preflight)
        {
            // The printer's check, run on the file as written: the table goes beside it, problems become warnings.
            var report = PdfPreflight.Check(target, context.Config.Typesetting.MinImageDpi);
            AtomicFile.WriteAllText(PreflightReportPath(target), report.ToMarkdown());
            foreach (var check in report.Checks.Where(check => check.Status != PreflightStatus.Pass))
            {
                context.Warn($"preflight: {check.Check}: {check.Result}");
            }

            summary += "; " + report.Summary;
        }

        context.Report(summary);
        return book;
    }

    /// <summary>The editor's alt text is configured once, on the epub stage, and serves the PDF's figures as well.</summary>
    private static Dictionary<string, string>? AltText(Configuration.PipelineConfig config) =>
        config.Stages.FirstOrDefault(stage => stage.Name == EpubStage.StageName) is { } epub ? EpubStage.AltText(epub) : null;
}
