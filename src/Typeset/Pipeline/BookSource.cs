using System.Text;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Pipeline;

/// <summary>Finds and reads the book's Markdown: strict UTF-8, no binary, never modified.</summary>
public static class BookSource
{
    private static readonly string[] ScanExtensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"];

    /// <summary>The Markdown files of an input folder (or the one file given), in natural name order.</summary>
    public static IReadOnlyList<string> FindMarkdown(string input)
    {
        if (File.Exists(input))
        {
            return [input];
        }

        if (input.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(input))
        {
            throw new UsageException($"{input}: file not found");
        }

        if (!Directory.Exists(input))
        {
            throw new UsageException($"{input}: input folder not found");
        }

        var files = Directory.EnumerateFiles(input)
            .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) &&
                        !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(NaturalComparer.Instance)
            .ToList();
        if (files.Count > 0)
        {
            return files;
        }

        var scans = Directory.EnumerateFiles(input).Count(f => ScanExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
        throw new UsageException(scans > 0
            ? $"{input}: holds {scans} scan(s) but no Markdown; start the stage list with the ocr stage (or run typeset ocr) to recognise them"
            : $"{input}: no Markdown (.md) file to process");
    }

    public static Book Read(IReadOnlyList<string> files, BookMeta meta) => Read(files, meta, warnings: null);

    /// <summary>
    /// Reads the files as one book. Markdown the reader cannot take (a parser failure on pathological input) stops with
    /// a message naming the file, never an internal error.
    /// </summary>
    public static Book Read(IReadOnlyList<string> files, BookMeta meta, List<BookWarning>? warnings)
    {
        var text = string.Join("\n\n", files.Select(ReadText));
        try
        {
            return MarkdownReader.Read(text, meta, warnings);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            throw new ProcessingException($"{string.Join(", ", files)}: cannot be read as Markdown: {e.Message}", e);
        }
    }

    /// <summary>Reads a text file as strict UTF-8, refusing binary data and invalid bytes with a message naming the file.</summary>
    public static string ReadText(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProcessingException($"{path}: cannot read: {e.Message}", e);
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new ProcessingException($"{path}: not a text file (contains NUL bytes)");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProcessingException($"{path}: not valid UTF-8 (bad byte at offset {e.Index}); save it as UTF-8");
        }

        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ProcessingException($"{path}: the file is empty");
        }

        return text.ReplaceLineEndings("\n");
    }
}

/// <summary>Orders "page2" before "page10": digit runs compare by value.</summary>
public sealed class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var startX = i;
                var startY = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var numberX = x.AsSpan(startX, i - startX).TrimStart('0');
                var numberY = y.AsSpan(startY, j - startY).TrimStart('0');
                var byLength = numberX.Length.CompareTo(numberY.Length);
                if (byLength != 0)
                {
                    return byLength;
                }

                var byDigits = numberX.SequenceCompareTo(numberY);
                if (byDigits != 0)
                {
                    return byDigits;
                }
            }
            else
            {
                var byChar = char.ToLowerInvariant(x[i]).CompareTo(char.ToLowerInvariant(y[j]));
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }
}
