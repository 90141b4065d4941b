using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Typeset.Publishing;

/// <summary>
/// Print page <see cref="Number"/> begins in top-level block <see cref="Block"/> (its index in the book) after
/// <see cref="Characters"/> of that block's visible characters (see <see cref="PrintPageMap.IsCounted"/>), in reading order.
/// </summary>
public sealed record PrintPage(int Number, int Block, int Characters);

/// <summary>
/// Where the pages of the typeset PDF begin in the book, so the EPUB can carry the same page numbers (its page list).
/// The PDF build knows on which page each line lands and records it; both writers count a block's characters the same
/// way — letters, digits and punctuation, not white space or soft hyphens — so the count survives the differences between
/// a line of print and a run of XHTML (no-break spaces, hyphenation, soft hyphens). Pages that begin no text of the book
/// (title page, contents, blank versos, a page of continued footnotes) have no entry.
/// </summary>
public sealed record PrintPageMap(IReadOnlyList<PrintPage> Pages)
{
    private const int FormatVersion = 1;

    /// <summary>What a map depends on: the book's text and the typesetting settings (a change to either moves pages).</summary>
    public static string KeyOf(Model.Book book, Configuration.TypesettingSettings settings, string resourceDirectory) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Markdown.MarkdownWriter.Write(book)}\n{settings}\n{Path.GetFullPath(resourceDirectory)}")));

    public static bool IsCounted(char c) => !char.IsWhiteSpace(c) && c != '\u00AD';

    public static int CountedCharacters(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += IsCounted(c) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The sidecar the pdf stage writes, tagged with <paramref name="key"/> (the book and settings it was made from).</summary>
    public string ToJson(string key)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"version\":{FormatVersion},\"key\":\"{key}\",\"pages\":[");
        for (var i = 0; i < Pages.Count; i++)
        {
            var page = Pages[i];
            json.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : string.Empty)}\n[{page.Number},{page.Block},{page.Characters}]");
        }

        return json.Append("]}\n").ToString();
    }

    /// <summary>The map in <paramref name="path"/> when it was made for <paramref name="key"/>; null when missing, stale or unreadable.</summary>
    public static PrintPageMap? Read(string path, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion || root.GetProperty("key").GetString() != key)
            {
                return null;
            }

            return new PrintPageMap(root.GetProperty("pages").EnumerateArray()
                .Select(page => new PrintPage(page[0].GetInt32(), page[1].GetInt32(), page[2].GetInt32())).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
