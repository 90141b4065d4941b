using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.BookParts;

/// <summary>
/// Recognises the book's own front (and back) matter in OCR'd text by content and position, never by any book's words:
/// the printed contents (lines ending in page numbers after dot leaders or a tab, the numbers rising, standing before the
/// chapters they list or after them) is replaced by the generated contents (<c>::: contents</c>); the imprint (the
/// classification indexes, ISBN and copyright lines ГОСТ Р 7.0.4 puts on the title verso, and what stands between them)
/// becomes <c>::: imprint</c> with its repeated lines dropped; the short lines before it, the title page. Each is one
/// block edit the editor can reject.
/// </summary>
public sealed partial class FrontMatterStage : CleanupStage
{
    public const string StageName = "frontmatter";
    public const string RuleContents = "frontmatter.contents";
    public const string RuleImprint = "frontmatter.imprint";
    public const string RuleTitlePage = "frontmatter.title-page";
    public const string RuleEpigraph = "frontmatter.epigraph";

    /// <summary>An attribution is a short line: a name, a work, a date.</summary>
    private const int MaximumAttributionWords = 30;

    /// <summary>Fewer entry lines than this are not a contents.</summary>
    private const int MinimumEntries = 3;

    /// <summary>A title page holds a few short lines: author, title, subtitle, publisher, city, year.</summary>
    private const int MaximumTitlePageBlocks = 10;

    private const int MaximumTitlePageLineWords = 14;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var blocks = book.Blocks;
        var edits = new List<Edit>();
        var contents = blocks.Any(b => b is Model.FrontMatter { Kind: FrontMatterKind.Contents }) ? null : FindContents(blocks);
        if (contents is { } found)
        {
            edits.Add(SpanEdit(blocks, found.Start, found.End, "::: contents\n:::", RuleContents, found.Confidence, found.Reason));
        }

        // The front region: what stands before the first chapter heading (the printed contents excluded).
        var frontEnd = FrontEnd(blocks, contents);
        var imprint = blocks.Any(b => b is Model.FrontMatter { Kind: FrontMatterKind.Imprint }) ? null : FindImprint(blocks, frontEnd);
        if (imprint is { } print)
        {
            edits.Add(print.Edit);
        }

        if (!blocks.Any(b => b is Model.FrontMatter { Kind: FrontMatterKind.TitlePage }) &&
            FindTitlePage(blocks, imprint?.Start ?? contents?.Start ?? frontEnd, context.Config.Book) is { } title)
        {
            edits.Add(title);
        }

        edits.AddRange(FindEpigraphs(blocks));
        return edits;
    }

    /// <summary>
    /// An epigraph as OCR leaves it: a quotation set entirely in italic, then a short italic line naming its source, right
    /// before a chapter heading or right after one (before the chapter's text). A caption (a source mark at its end, a
    /// figure label at its start) is never part of one.
    /// </summary>
    private static IEnumerable<Edit> FindEpigraphs(IReadOnlyList<Block> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (!IsEpigraphPart(blocks[i]))
            {
                continue;
            }

            var end = i;
            while (end < blocks.Count && IsEpigraphPart(blocks[end]) && end - i < 4)
            {
                end++;
            }

            var parts = blocks.Skip(i).Take(end - i).Cast<Paragraph>().ToList();
            var attribution = parts[^1];
            var attributionText = Inlines.PlainText(attribution.Content).Trim();
            var quoteText = Inlines.PlainText(parts[0].Content).Trim();
            var next = end;
            while (next < blocks.Count && blocks[next] is PageMarker or ThematicBreak)
            {
                next++;
            }

            var previous = i - 1;
            while (previous >= 0 && blocks[previous] is PageMarker or ThematicBreak)
            {
                previous--;
            }

            var atChapter = (next < blocks.Count && blocks[next] is Heading) || (previous >= 0 && blocks[previous] is Heading);
            if (parts.Count < 2 || !atChapter || Words(attributionText) > MaximumAttributionWords ||
                QuoteOpening().IsMatch(attributionText) || !QuoteOpening().IsMatch(quoteText))
            {
                i = end - 1;
                continue;
            }

            var epigraph = new Epigraph(parts[0].Id, parts.Take(parts.Count - 1).Select(p => (Block)p).ToValueList(), Unwrap(attribution.Content));
            var reason = $"epigraph: a quotation in italic and its source ({Shorten(attributionText)}) {(next < blocks.Count && blocks[next] is Heading ? "before" : "after")} a chapter heading";
            yield return SpanEdit(blocks, i, end, MarkdownWriter.WriteBlock(epigraph), RuleEpigraph, 0.92, reason);
            i = end - 1;
        }
    }

    private static bool IsEpigraphPart(Block block) =>
        block is Paragraph paragraph && WhollyItalic(paragraph.Content) && !CaptionLike().IsMatch(Inlines.PlainText(paragraph.Content).Trim());

    private static bool WhollyItalic(ValueList<Inline> content)
    {
        var visible = content.Where(inline => inline is not Text { Value: var v } || v.Trim().Length > 0).ToList();
        return visible.Count == 1 && visible[0] is Emphasis;
    }

    /// <summary>The attribution's words without the italic around them: the epigraph's style sets it in italic.</summary>
    private static ValueList<Inline> Unwrap(ValueList<Inline> content) =>
        content.SelectMany<Inline, Inline>(inline => inline is Emphasis emphasis ? emphasis.Content : inline is Text { Value: var v } && v.Trim().Length == 0 ? [] : [inline]).ToValueList();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private sealed record Span(int Start, int End, double Confidence, string Reason);

    private sealed record ImprintSpan(int Start, Edit Edit);

    /// <summary>One block edit over blocks [start, end): the Markdown they were, and what takes their place.</summary>
    private static Edit SpanEdit(IReadOnlyList<Block> blocks, int start, int end, string after, string rule, double confidence, string reason) =>
        new(StageName, rule, blocks[start].Id, 0, string.Join("\n\n", blocks.Skip(start).Take(end - start).Select(MarkdownWriter.WriteBlock)),
            after, confidence, reason, Scope: EditScope.Block);

    /// <summary>
    /// A run of paragraphs whose lines are entries (a title, dot leaders or a tab, a page number), numbers rising;
    /// with its own short heading and rule before it. It must stand before the chapters it names, or after them.
    /// </summary>
    private static Span? FindContents(IReadOnlyList<Block> blocks)
    {
        var headings = blocks.Select((b, i) => (b, i)).Where(p => p.b is Heading)
            .GroupBy(p => Normalize(Inlines.PlainText(((Heading)p.b).Content)))
            .ToDictionary(g => g.Key, g => g.Select(p => p.i).ToList(), StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var end = i;
            var entries = new List<(string Title, int Page, bool Dotted)>();
            var lines = 0;
            while (end < blocks.Count && (blocks[end] is Paragraph || (entries.Count > 0 && blocks[end] is PageMarker or ThematicBreak)))
            {
                if (blocks[end] is Paragraph paragraph)
                {
                    var paragraphLines = Lines(paragraph.Content);
                    var perLine = paragraphLines.Select(EntriesOf).ToList();
                    var paragraphEntries = perLine.SelectMany(e => e).ToList();
                    // A title too long for one line runs on to the next, which carries its page number.
                    var covered = perLine.Where((e, n) => e.Count > 0 || (n + 1 < perLine.Count ? perLine[n + 1].Count > 0 : n > 0)).Count();
                    if (paragraphEntries.Count == 0 || covered * 10 < paragraphLines.Count * 7)
                    {
                        break;
                    }

                    entries.AddRange(paragraphEntries);
                    lines += paragraphLines.Count;
                }

                end++;
            }

            while (end > i && blocks[end - 1] is PageMarker or ThematicBreak)
            {
                end--;
            }

            if (entries.Count < MinimumEntries)
            {
                continue;
            }

            // Page numbers rise; OCR misreads a digit now and then (34 read as 54), so most of them, not all.
            if (LongestRising(entries.Select(e => e.Page).ToList()) * 10 < entries.Count * 8)
            {
                i = end;
                continue;
            }

            // Compared by their letters, OCR noise tolerated: a leader's digits read into the title, a stray quote.
            var matched = entries.Select(e => Letters(e.Title)).Where(title => title.Length > 0)
                .Select(title => headings.Where(h => SameLine(Letters(h.Key), title)).SelectMany(h => h.Value).ToList())
                .Where(at => at.Count > 0).ToList();

            // Naming few of the book's headings (an excerpt, or OCR damage), it must look like a contents on its own:
            // dot leaders on most lines, and a first page number a book's first chapter can have.
            if (matched.Count * 3 < entries.Count && (entries.Count(e => e.Dotted) * 10 < entries.Count * 7 || entries[0].Page > 50))
            {
                i = end;
                continue;
            }

            var before = matched.Count == 0 || matched.All(at => at.Any(index => index > end));
            var after = matched.Count > 0 && matched.All(at => at.Any(index => index < i));
            if (!before && !after)
            {
                i = end;
                continue;
            }

            // Its own title (a short heading, perhaps with a rule under it) goes with it.
            var start = i;
            var k = i - 1;
            while (k >= 0 && blocks[k] is ThematicBreak or PageMarker)
            {
                k--;
            }

            if (k >= 0 && blocks[k] is Heading title && Words(Inlines.PlainText(title.Content)) <= 3 &&
                !entries.Any(e => Normalize(e.Title) == Normalize(Inlines.PlainText(title.Content))))
            {
                start = k;
            }

            var confidence = matched.Count * 2 >= entries.Count ? 0.97 : 0.93;
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"printed contents: {entries.Count} entries with page numbers ({entries[0].Page}–{entries[^1].Page}), {matched.Count} naming headings of this book; replaced by the generated contents");
            return new Span(start, end, confidence, reason);
        }

        return null;
    }

    /// <summary>The index of the first chapter heading (skipping the printed contents' own), or the book's length.</summary>
    private static int FrontEnd(IReadOnlyList<Block> blocks, Span? contents)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (contents is { } span && i >= span.Start && i < span.End)
            {
                continue;
            }

            // A heading whose section holds imprint lines is the title set large on the title page (OCR levels it
            // as a heading), not the first chapter.
            if (blocks[i] is Heading && !SectionHoldsImprint(blocks, i))
            {
                return i;
            }
        }

        return blocks.Count;
    }

    private static bool SectionHoldsImprint(IReadOnlyList<Block> blocks, int heading)
    {
        for (var i = heading + 1; i < blocks.Count && blocks[i] is not Heading; i++)
        {
            if (blocks[i] is Paragraph paragraph && Lines(paragraph.Content).Any(line => ImprintKind(Inlines.PlainText(line).Trim()) is "udc" or "bbk" or "isbn"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// From the first block carrying an imprint line (УДК, ББК, author mark, ISBN, ©) to the last one, in the front region,
    /// when at least two kinds of them are there. Blocks repeating an earlier one word for word are dropped.
    /// </summary>
    private static ImprintSpan? FindImprint(IReadOnlyList<Block> blocks, int frontEnd)
    {
        var marked = new List<(int Index, HashSet<string> Kinds)>();
        for (var i = 0; i < frontEnd; i++)
        {
            if (blocks[i] is Paragraph paragraph)
            {
                var kinds = Lines(paragraph.Content).Select(line => ImprintKind(Inlines.PlainText(line).Trim())).OfType<string>().ToHashSet(StringComparer.Ordinal);
                if (kinds.Count > 0)
                {
                    marked.Add((i, kinds));
                }
            }
        }

        var allKinds = marked.SelectMany(m => m.Kinds).ToHashSet(StringComparer.Ordinal);
        if (marked.Count == 0 || allKinds.Count < 2 || !allKinds.Overlaps(["udc", "bbk", "isbn"]))
        {
            return null;
        }

        var start = marked[0].Index;
        var end = marked[^1].Index + 1;
        // A block all of whose lines the imprint already has (the indexes and ISBN printed twice) is dropped.
        var kept = new List<Block>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        for (var i = start; i < end; i++)
        {
            if (blocks[i] is PageMarker)
            {
                continue;
            }

            var lines = BookWalk.TextOf(blocks[i]).SelectMany(part => Lines(part.Content)).Select(line => Normalize(Inlines.PlainText(line))).Where(line => line.Length > 0).ToList();
            if (lines.Count > 0 && lines.All(line => seen.Any(earlier => SameLine(earlier, line))))
            {
                dropped++;
                continue;
            }

            seen.UnionWith(lines);
            kept.Add(blocks[i]);
        }

        var repairs = new List<string>();
        var body = ImprintNoise.Repair(string.Join("\n\n", kept.Select(MarkdownWriter.WriteBlock)), repairs);
        var after = "::: imprint\n" + body + "\n:::";
        var found = string.Join(", ", allKinds.Order(StringComparer.Ordinal).Select(Describe));
        var reason = $"imprint (title verso): {found}" + (dropped > 0 ? $"; {dropped} block(s) repeating an earlier one dropped" : string.Empty) +
                     (repairs.Count > 0 ? "; OCR noise repaired: " + string.Join("; ", repairs) : string.Empty);
        return new ImprintSpan(start, SpanEdit(blocks, start, end, after, RuleImprint, 0.95, reason));
    }

    /// <summary>The short lines the book opens with, before its imprint (or contents, or first chapter): its title page.</summary>
    private static Edit? FindTitlePage(IReadOnlyList<Block> blocks, int end, BookMeta meta)
    {
        var start = 0;
        while (start < end && blocks[start] is PageMarker)
        {
            start++;
        }

        var content = blocks.Skip(start).Take(end - start).Where(b => b is not PageMarker).ToList();
        if (content.Count == 0 || content.Count > MaximumTitlePageBlocks || content.Any(b => b is not (Paragraph or Heading)))
        {
            return null;
        }

        var lines = content.SelectMany(b => Lines(BookWalk.TextOf(b).First().Content)).Select(l => Inlines.PlainText(l).Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines.Any(line => Words(line) > MaximumTitlePageLineWords) || lines.Any(line => ".!?".Contains(line[^1], StringComparison.Ordinal) && Words(line) > 6))
        {
            return null;
        }

        // Evidence it is the title page: the title from pipeline.json, or a year of publication on a line of its own.
        var title = Normalize(meta.Title);
        var hasTitle = title.Length > 0 && Normalize(string.Concat(lines)).Contains(title, StringComparison.Ordinal);
        var hasYear = lines.Any(line => YearLine().IsMatch(line));
        if (!hasTitle && !hasYear)
        {
            return null;
        }

        var repairs = new List<string>();
        var body = ImprintNoise.RepairYear(string.Join("\n\n", content.Select(MarkdownWriter.WriteBlock)), repairs);
        var reason = $"title page: {lines.Count} short lines before the imprint" + (hasTitle ? ", the book's title among them" : string.Empty) + (hasYear ? ", a year of publication" : string.Empty) +
                     "; set as the book's title page instead of one drawn from pipeline.json" + (repairs.Count > 0 ? "; OCR noise repaired: " + string.Join("; ", repairs) : string.Empty);
        // The page marker before the imprint stays where it is: the title page ends with its last line.
        var last = end;
        while (last > start && blocks[last - 1] is PageMarker)
        {
            last--;
        }

        return SpanEdit(blocks, start, last, "::: titlepage\n" + body + "\n:::", RuleTitlePage, hasTitle ? 0.95 : 0.9, reason);
    }

    /// <summary>The lines of inline content (cut at line breaks of either kind).</summary>
    private static List<ValueList<Inline>> Lines(ValueList<Inline> content)
    {
        var lines = new List<ValueList<Inline>>();
        var current = new List<Inline>();
        foreach (var inline in content)
        {
            if (inline is LineBreak)
            {
                lines.Add(current.ToValueList());
                current = [];
            }
            else
            {
                current.Add(inline);
            }
        }

        lines.Add(current.ToValueList());
        return lines.Where(line => Inlines.PlainText(line).Trim().Length > 0).ToList();
    }

    /// <summary>
    /// The entries of one line: usually one, several when OCR ran the contents' lines together. A leader is a run of
    /// dots (OCR reads the rest of it as short lower-case noise such as <c>аа… ан.</c> or <c>e occ cc</c>), a tab or
    /// a wide space; the page number after it ends the entry when the line ends or a new title starts.
    /// </summary>
    private static List<(string Title, int Page, bool Dotted)> EntriesOf(ValueList<Inline> line)
    {
        var text = Inlines.PlainText(line).Trim();
        // Only a line with a leader can hold an entry: prose is not searched at all.
        if (!text.Contains("..", StringComparison.Ordinal) && !text.Contains('…', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal) &&
            !text.Contains("   ", StringComparison.Ordinal) && !text.Contains(". .", StringComparison.Ordinal))
        {
            return [];
        }

        // Nor a line without a page number: prose with an ellipsis is not searched either.
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return [];
        }

        try
        {
            return EntryPattern().Matches(text)
                .Select(match => (match.Groups["title"].Value.Trim().TrimEnd('.', ' ', '…'), int.Parse(match.Groups["page"].Value, CultureInfo.InvariantCulture), match.Groups["dots"].Success))
                .ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
    }

    private static int LongestRising(List<int> pages)
    {
        var tails = new List<int>();
        foreach (var page in pages)
        {
            var at = UpperBound(tails, page);
            if (at == tails.Count)
            {
                tails.Add(page);
            }
            else
            {
                tails[at] = page;
            }
        }

        return tails.Count;
    }

    private static int UpperBound(List<int> sorted, int value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static string? ImprintKind(string text) => ImprintKindOf(ImprintLines.OcrLineStart(text));

    private static string? ImprintKindOf(string line) =>
        line.StartsWith("УДК", StringComparison.Ordinal) || line.StartsWith("UDC", StringComparison.Ordinal) ? "udc"
        : line.StartsWith("ББК", StringComparison.Ordinal) ? "bbk"
        : line.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase) ? "isbn"
        : line.StartsWith('©') || line.StartsWith("(c)", StringComparison.OrdinalIgnoreCase) ? "copyright"
        : AuthorMark().IsMatch(line) ? "author-mark"
        : null;

    private static string Describe(string kind) => kind switch
    {
        "udc" => "УДК",
        "bbk" => "ББК",
        "isbn" => "ISBN",
        "copyright" => "©",
        "author-mark" => "author mark",
        _ => kind,
    };

    /// <summary>
    /// Two normalised lines are the same printed line when OCR noise is all that differs: at most one edit in five
    /// characters (a noise mark such as <c>Kél</c> for <c>К61</c>, a misread digit).
    /// </summary>
    private static bool SameLine(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var longer = Math.Max(a.Length, b.Length);
        var allowed = longer / 5;
        return allowed > 0 && Math.Abs(a.Length - b.Length) <= allowed && Ocr.PageLayout.Levenshtein(a, b) <= allowed;
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Letters(string text) => string.Concat(Normalize(text).Where(char.IsLetter));

    /// <summary>Letters and digits only, lower case: how a printed title compares with a heading or the book's title.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c == 'ё' || c == 'Ё' ? 'е' : c));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A contents entry: the title, then dot leaders (with OCR's noise after them), a tab or a run of spaces, then the
    /// page number. Bounded (a title of at most 160 characters, at most 12 noise tokens) so long prose lines stay linear.
    /// </summary>
    [GeneratedRegex(@"(?<title>\S.{0,160}?)\s*(?:(?<dots>(?:[.…·_]\s?){2,}|…)\s*(?:[^\sА-ЯЁA-Z]{1,12}\s+){0,12}?|\t+|\s{3,})(?<page>\d{1,4})(?=\s+[«„“""(А-ЯЁA-Z]|\s*$)", RegexOptions.None, 1000)]
    private static partial Regex EntryPattern();

    /// <summary>The author mark (авторский знак): a capital letter and two or three digits, alone at a line's start.</summary>
    [GeneratedRegex(@"^[А-ЯЁ]\s?\d{2,3}$")]
    private static partial Regex AuthorMark();

    [GeneratedRegex(@"^[«„“""]")]
    private static partial Regex QuoteOpening();

    /// <summary>A caption: a source mark in brackets at its end, (АА), or a figure label at its start.</summary>
    [GeneratedRegex(@"\([А-ЯЁA-Z]{1,5}\)\s*$|^(?:Рис|Фото|Илл)\.?\s*\d")]
    private static partial Regex CaptionLike();

    /// <summary>A year of publication on a line of its own (a city may precede it); OCR may add a stray mark after it.</summary>
    [GeneratedRegex(@"^(?:\D{0,40}\s)?(1[5-9]|20)\d\d(?:\s*г\.?)?\s?[‘’'`"".,:;°*]?$")]
    private static partial Regex YearLine();
}
