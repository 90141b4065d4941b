using System.Text.Json;
using Typeset.Edits;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

/// <summary>
/// Three of the sample scans (input/scans), recognised once for all layout tests: page 8 (photo, caption, running
/// head, folio), page 9 (a footnote, the chapter's running head) and page 10 (photo, caption, footnote).
/// </summary>
public sealed class SampleScansFixture : IDisposable
{
    public static readonly string[] Pages = ["page-08", "page-09", "page-10"];

    public SampleScansFixture()
    {
        foreach (var page in Pages)
        {
            File.Copy(Path.Combine(ScanFolder, page + ".jpg"), Path.Combine(Scratch.Path, "scans", page + ".jpg").EnsureFolder());
        }

        Folders = new OcrFolders(Scratch.Path, Path.Combine(Scratch.Path, "images"), Path.Combine(Scratch.Path, "work", "ocr"));
        Outcome = OcrBook.Recognize([Path.Combine(Scratch.Path, "scans")], new OcrSettings(), Folders, BookMeta.Untitled, NoDecisions.Instance);
    }

    public static string ScanFolder => Path.Combine(TestPaths.RepositoryRoot, "input", "scans");

    public ScratchFolder Scratch { get; } = new();

    public OcrFolders Folders { get; }

    public OcrOutcome Outcome { get; }

    /// <summary>The blocks of the n-th recognised page (1-based, in the order of <see cref="Pages"/>).</summary>
    public IReadOnlyList<Block> PageBlocks(int page)
    {
        var blocks = Outcome.Book.Blocks.ToList();
        var start = blocks.FindIndex(b => b is PageMarker m && m.Page == page);
        var end = blocks.FindIndex(start + 1, b => b is PageMarker);
        return blocks.GetRange(start + 1, (end < 0 ? blocks.Count : end) - start - 1);
    }

    public static PageTruth Truth(int page) =>
        JsonSerializer.Deserialize<PageTruth>(File.ReadAllText(Path.Combine(ScanFolder, Pages[page - 1] + ".truth.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public void Dispose() => Scratch.Dispose();
}

public sealed record PageTruth(int Page, string? RunningHead, string Folio, IReadOnlyList<string> Headings, IReadOnlyList<FigureTruth> Figures, IReadOnlyList<FootnoteTruth> Footnotes);

public sealed record FigureTruth(int X, int Y, int Width, int Height, string Caption);

public sealed record FootnoteTruth(string Marker, string Text);

internal static class PathExtensions
{
    public static string EnsureFolder(this string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
