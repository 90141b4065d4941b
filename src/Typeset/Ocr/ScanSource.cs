using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Typeset.Pipeline;

namespace Typeset.Ocr;

/// <summary>One page to recognise: a file, and the page inside it for multi-page TIFF and PDF.</summary>
public sealed record ScanSource(string File, int Index, ScanFormat Format, int NativeDpi = 0)
{
    public string Name => Format is ScanFormat.Tiff or ScanFormat.Pdf ? $"{File} (page {Index + 1})" : File;
}

public enum ScanFormat
{
    Png,
    Jpeg,
    Tiff,
    Pdf,
}

/// <summary>A page that could not be read or recognised: the file and the reason, for the run's summary.</summary>
public sealed record PageFailure(int Page, string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>Finds the pages of the scan files and folders given, in natural file-name order (page2 before page10).</summary>
public static class ScanInputs
{
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"];

    /// <summary>
    /// Where a project's page images are: paths.scans when set; else input/scans, or input itself, whichever holds
    /// scans; null when neither does.
    /// </summary>
    public static string? FolderOf(Configuration.ProjectPaths paths) =>
        paths.Scans is { } scans ? scans
        : HasScans(Path.Combine(paths.Input, "scans")) ? Path.Combine(paths.Input, "scans")
        : HasScans(paths.Input) ? paths.Input
        : null;

    /// <summary>How many scan files the folder holds.</summary>
    public static int CountScans(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())) : 0;

    /// <summary>True when the folder holds at least one scan file.</summary>
    public static bool HasScans(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()));

    /// <summary>
    /// Every page of <paramref name="paths"/> (files or folders). A file that cannot even be opened yields one
    /// failure in its place, so the other pages keep their numbers and are still processed.
    /// </summary>
    public static IReadOnlyList<(ScanSource? Source, string File, string? Error)> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path)
                    .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(NaturalComparer.Instance));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"{path}: no such file or folder");
            }
        }

        var pages = new List<(ScanSource?, string, string?)>();
        foreach (var file in files)
        {
            pages.AddRange(PagesOf(file));
        }

        return pages;
    }

    private static IEnumerable<(ScanSource?, string, string?)> PagesOf(string file)
    {
        var length = new FileInfo(file).Length;
        if (length == 0)
        {
            return [(null, file, "empty file (0 bytes)")];
        }

        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".png":
                return [(new ScanSource(file, 0, ScanFormat.Png), file, null)];
            case ".jpg" or ".jpeg":
                return [(new ScanSource(file, 0, ScanFormat.Jpeg), file, null)];
            case ".tif" or ".tiff":
                var count = TiffPageCount(file);
                return count > 0
                    ? Enumerable.Range(0, count).Select(i => ((ScanSource?)new ScanSource(file, i, ScanFormat.Tiff), file, (string?)null))
                    : [(null, file, "not a readable TIFF (corrupt or truncated header)")];
            case ".pdf":
                return PdfPages(file);
            default:
                return [(null, file, $"unsupported format \"{Path.GetExtension(file)}\"; expected PNG, JPEG, TIFF or a PDF of scans")];
        }
    }

    /// <summary>Counts a TIFF's pages by walking its chain of image directories (without decoding anything).</summary>
    internal static int TiffPageCount(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new BinaryReader(stream);
            var order = reader.ReadUInt16();
            var little = order == 0x4949;
            if (!little && order != 0x4D4D)
            {
                return 0;
            }

            ushort U16() => little ? reader.ReadUInt16() : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadUInt16());
            uint U32() => little ? reader.ReadUInt32() : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadUInt32());
            if (U16() != 42)
            {
                return 0;
            }

            var offset = U32();
            var count = 0;
            var seen = new HashSet<uint>();
            while (offset != 0 && offset < stream.Length && seen.Add(offset) && count < 100_000)
            {
                stream.Position = offset;
                var entries = U16();
                stream.Position = offset + 2 + (entries * 12L);
                count++;
                offset = stream.Position + 4 <= stream.Length ? U32() : 0;
            }

            return count;
        }
        catch (EndOfStreamException)
        {
            return 0;
        }
    }

    /// <summary>The pages of a PDF of scans with each page's image resolution (pdfimages -list); pages without images fail.</summary>
    private static IEnumerable<(ScanSource?, string, string?)> PdfPages(string file)
    {
        var (code, output, error) = RunTool("pdfimages", "-list", file);
        if (code != 0)
        {
            return [(null, file, $"not a readable PDF: {error.Trim()}")];
        }

        var dpiByPage = new Dictionary<int, int>();
        foreach (var line in output.Split('\n').Skip(2))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > 13 && int.TryParse(columns[0], out var page) && int.TryParse(columns[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dpi))
            {
                dpiByPage[page] = Math.Max(dpiByPage.GetValueOrDefault(page), dpi);
            }
        }

        if (dpiByPage.Count == 0)
        {
            return [(null, file, "a PDF with no images: not a PDF of scans")];
        }

        var (_, info, _) = RunTool("pdfinfo", file);
        var pages = info.Split('\n').Where(l => l.StartsWith("Pages:", StringComparison.Ordinal))
            .Select(l => int.Parse(l[6..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault(dpiByPage.Keys.Max());
        return Enumerable.Range(1, pages).Select(p => dpiByPage.TryGetValue(p, out var dpi)
            ? ((ScanSource?)new ScanSource(file, p - 1, ScanFormat.Pdf, dpi), file, (string?)null)
            : (null, $"{file} (page {p})", "PDF page has no image: not a scan"));
    }

    internal static (int Code, string Output, string Error) RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProcessingException($"{tool} not found (install poppler-utils): {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of a file's bytes, hex.</summary>
    public static string HashFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
