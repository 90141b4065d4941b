using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Typeset.Bench.Cleanup;

/// <summary>A run of prose from one source: its title (for headings and running heads) and its paragraphs.</summary>
public sealed record SourceText(string Source, string Title, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Clean Russian prose extracted at run time from what the bench installs (Debian documentation packages) or finds
/// (public-domain literature in a local folder): nothing third-party is committed. Paragraphs are kept only when
/// they read as prose (mostly Cyrillic, whole sentences, no markup or commands), and are set to the conventions of a
/// Russian book (« » quotes, em dash, ellipsis character) so the truth is what a printed page would show.
/// </summary>
public static partial class Texts
{
    /// <summary>Every source the bench knows, by name; each yields its works (files, chapters) in a fixed order.</summary>
    public static IReadOnlyList<SourceText> Load(string source, string? literatureFolder)
    {
        var parts = source.Split(':', 2);
        return parts[0] switch
        {
            "debian-faq" => [PlainText("debian-faq", "Часто задаваемые вопросы по Debian", ReadGzip("/usr/share/doc/debian/FAQ/debian-faq.ru.txt.gz"))],
            "maint-guide" => Html("maint-guide", Directory.GetFiles("/usr/share/doc/maint-guide-ru/html", "*.ru.html")),
            "developers-reference" => Html("developers-reference", Directory.GetFiles("/usr/share/developers-reference/ru", "*.html")
                .Where(f => Path.GetFileName(f) is not "developers-reference.html" and not "index.html" and not "search.html" and not "genindex.html")),
            "aptitude" => Html("aptitude", Directory.GetFiles("/usr/share/doc/aptitude/html/ru", "*.html")),
            "gimp-help" => Html("gimp-help", Directory.GetFiles("/usr/share/gimp/2.0/help/ru", "*.html")),
            "fortunes" => Fortunes(parts[1].Split(',')),
            "literature" => Literature(literatureFolder, parts[1].Split(',')),
            _ => throw new ArgumentException($"unknown text source \"{source}\""),
        };
    }

    private static string ReadGzip(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Plain text wrapped at ~70 columns, paragraphs between blank lines.</summary>
    private static SourceText PlainText(string source, string title, string text)
    {
        var paragraphs = Regex.Split(text.ReplaceLineEndings("\n"), @"\n\s*\n")
            .Select(p => Regex.Replace(p, @"\s+", " ").Trim())
            .Select(p => Prepare(p))
            .Where(p => p is not null && IsProse(p, 12))
            .Select(p => p!)
            .ToList();
        return new SourceText(source, title, paragraphs);
    }

    private static List<SourceText> Html(string source, IEnumerable<string> files)
    {
        var works = new List<SourceText>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var html = File.ReadAllText(file);
            var title = TitleTag().Match(html) is { Success: true } m ? Clean(m.Groups[1].Value) : source;
            var paragraphs = ParagraphTag().Matches(html)
                .Select(p => Prepare(Clean(p.Groups[1].Value)))
                .Where(p => p is not null && IsProse(p, 12))
                .Select(p => p!)
                .ToList();
            if (paragraphs.Count > 0)
            {
                works.Add(new SourceText(source, Regex.Replace(title, @"\s*[|:—-].*$", string.Empty).Trim(), paragraphs));
            }
        }

        return works;
    }

    private static string Clean(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", string.Empty)), @"\s+", " ").Trim();

    /// <summary>fortune-mod-ru files: entries between "%" lines, each a saying and an attribution line ("-- Author").</summary>
    private static List<SourceText> Fortunes(IEnumerable<string> names)
    {
        var works = new List<SourceText>();
        foreach (var name in names)
        {
            var paragraphs = new List<string>();
            var text = File.ReadAllText(Path.Combine("/usr/share/games/fortunes/ru", name)).ReplaceLineEndings("\n");
            foreach (var entry in text.Split("\n%\n"))
            {
                var lines = entry.Split('\n').Where(l => l.Trim().Length > 0).ToList();
                var attribution = lines.Count > 1 && lines[^1].TrimStart().StartsWith("--", StringComparison.Ordinal) ? lines[^1].Trim()[2..].Trim() : null;
                if (attribution is null)
                {
                    continue;
                }

                var saying = Prepare(Regex.Replace(string.Join(" ", lines.Take(lines.Count - 1)), @"\s+", " ").Trim());
                var author = Prepare(attribution);
                if (saying is not null && author is not null && IsProse(saying, 8) && author.Length < 60 && !author.Any(char.IsDigit)
                    && author.Count(char.IsLetter) > 3 && Cyrillic(author) > 0.9)
                {
                    // A saying, then its author on a paragraph of its own without a period, as collections print them.
                    paragraphs.Add(saying);
                    paragraphs.Add(author.TrimEnd('.'));
                }
            }

            works.Add(new SourceText("fortunes", "Афоризмы", paragraphs));
        }

        return works;
    }

    /// <summary>Public-domain prose, one paragraph a line, first lines the author and the title (RusLit's layout).</summary>
    private static List<SourceText> Literature(string? folder, IEnumerable<string> works)
    {
        var result = new List<SourceText>();
        if (folder is null || !Directory.Exists(folder))
        {
            return result;
        }

        foreach (var work in works)
        {
            var path = Path.Combine(folder, work + ".txt");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"literature: {path} is missing (see bench/cleanup/README section in the main README)");
            }

            var lines = File.ReadAllLines(path);
            var title = lines.Length > 1 ? lines[1].Trim() : work;
            title = title.Length > 0 && title.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? char.ToUpperInvariant(title[0]) + title[1..].ToLowerInvariant() : title;
            var paragraphs = lines.Skip(2)
                .Select(l => Prepare(Regex.Replace(l, @"\s+", " ").Trim()))
                .Where(p => p is not null && IsProse(p, 6))
                .Select(p => p!)
                .ToList();
            result.Add(new SourceText("literature:" + work.Split('/')[0], title, paragraphs));
        }

        return result;
    }

    /// <summary>
    /// A paragraph set as a Russian book sets it: straight quotes paired into « » („ “ inside), a spaced hyphen or
    /// double hyphen made an em dash (a dialogue line too), three dots an ellipsis. Null when it cannot be: unpaired
    /// quotes, Markdown-active characters.
    /// </summary>
    public static string? Prepare(string text)
    {
        text = text.Replace('\u00A0', ' ').Replace("\u00AD", string.Empty).Trim();
        if (text.Length == 0 || MarkupCharacters().IsMatch(text))
        {
            return null;
        }

        text = SpacedHyphen().Replace(text, " — ");
        text = LeadingDash().Replace(text, "— ");
        text = text.Replace("...", "…");
        if (text.Contains('"'))
        {
            if (text.Count(c => c == '"') % 2 == 1)
            {
                return null;
            }

            var builder = new StringBuilder();
            var depth = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c != '"')
                {
                    builder.Append(c);
                    continue;
                }

                var opens = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '«' or '„' or '—';
                if (opens)
                {
                    builder.Append(depth == 0 && !Open(builder) ? '«' : '„');
                    depth++;
                }
                else
                {
                    depth = Math.Max(0, depth - 1);
                    builder.Append(InnerOpen(builder) ? '“' : '»');
                }
            }

            text = builder.ToString();
        }

        return text;

        static bool Open(StringBuilder b) => b.ToString().Count(c => c == '«') > b.ToString().Count(c => c == '»');
        static bool InnerOpen(StringBuilder b) => b.ToString().Count(c => c == '„') > b.ToString().Count(c => c == '“');
    }

    /// <summary>Prose a book would print: whole sentences, mostly Cyrillic, no commands, paths, addresses or markup.</summary>
    public static bool IsProse(string text, int minWords)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= minWords && Cyrillic(text) >= 0.85 && text.Count(char.IsDigit) <= text.Length / 20
            && !CodeLike().IsMatch(text) && ".!?…»)".Contains(text[^1]) && char.IsUpper(text.First(char.IsLetterOrDigit) is var f ? f : 'А')
            && words.All(w => w.Length <= 30);
    }

    private static double Cyrillic(string text)
    {
        var letters = text.Count(char.IsLetter);
        return letters == 0 ? 0 : (double)text.Count(c => c is >= 'А' and <= 'я' or 'ё' or 'Ё') / letters;
    }

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex(@"<p(?:\s[^>]*)?>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ParagraphTag();

    [GeneratedRegex(@"[*_\[\]{}<>#|\\$@~^=`]")]
    private static partial Regex MarkupCharacters();

    [GeneratedRegex(@"[a-z]+://|www\.|\w/\w|(?:^|[\s(])/\w|\.(deb|html|txt|conf|sh|gz)\b|--\w|\w\(\)|\b[a-z]+_[a-z]+")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"(?<=\S) (?:-|--|–) (?=\S)")]
    private static partial Regex SpacedHyphen();

    [GeneratedRegex(@"^(?:-|--|–) ")]
    private static partial Regex LeadingDash();
}
