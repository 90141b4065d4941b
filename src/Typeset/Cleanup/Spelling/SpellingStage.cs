using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Repairs OCR misreadings against the Hunspell dictionary: words mixing Latin and Cyrillic look-alikes, Roman numerals
/// read as Cyrillic, and unknown lower-case words one OCR error away from a single best dictionary word. Proper names
/// (capitalised), abbreviations, numbers, Latin words and words the book uses consistently are left alone.
/// </summary>
public sealed partial class SpellingStage : CleanupStage
{
    public const string StageName = "spelling";
    public const string RuleMixedScript = "spelling.mixed-script";
    public const string RuleRomanNumeral = "spelling.roman-numeral";
    public const string RuleOcrConfusion = "spelling.ocr-confusion";
    public const string RuleHyphenBreak = "spelling.hyphen-break";
    public const string ConfusionsFile = "ocr-confusions.tsv";

    /// <summary>Costlier misreadings than this are not worth proposing: the word is more likely right and unknown.</summary>
    private const double MaximumCost = 1.0;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var model = LoadModel(context);
        var candidates = new CorrectionCandidates(context.Hunspell, model);
        var vocabulary = new BookVocabulary(book);
        var dictionary = context.Hunspell;
        var edits = new List<Edit>();

        foreach (var block in book.Blocks)
        {
            if (block is not (Paragraph or Heading or Figure or Footnote))
            {
                continue;
            }

            var text = MarkdownWriter.SourceText(block);
            var quoted = QuotedSpans(text);
            foreach (Match match in WordPattern().Matches(text))
            {
                if (match.Groups["break"].Success)
                {
                    if (HyphenBreak(match, candidates, vocabulary, dictionary) is { } fix)
                    {
                        edits.Add(new Edit(StageName, RuleHyphenBreak, block.Id, match.Index, match.Value, fix.After, fix.Confidence, fix.Reason));
                    }

                    continue;
                }

                var word = match.Value;
                var sentenceStart = SentenceStart().IsMatch(text.AsSpan(0, match.Index));
                var proposal = ScriptFix(word, text, match.Index + match.Length) ?? ConfusionFix(word, sentenceStart, candidates, vocabulary, dictionary);
                if (proposal is { } p)
                {
                    var confidence = quoted.Any(q => match.Index >= q.Start && match.Index < q.End) ? Math.Min(p.Confidence, 0.85) : p.Confidence;
                    edits.Add(new Edit(StageName, p.Rule, block.Id, match.Index, word, p.After, confidence, p.Reason));
                }
            }
        }

        return edits;
    }

    private sealed record Proposal(string Rule, string After, double Confidence, string Reason, double Cost = 0);

    private static OcrErrorModel LoadModel(StageContext context)
    {
        var path = Path.Combine(context.Config.Paths.Dictionaries, ConfusionsFile);
        if (!File.Exists(path))
        {
            context.Warn($"{path}: not found; spelling uses plain edit costs");
            return new OcrErrorModel([]);
        }

        try
        {
            return OcrErrorModel.Load(path);
        }
        catch (FormatException e)
        {
            throw new ProcessingException(e.Message, e);
        }
    }

    private static Proposal? ScriptFix(string word, string text, int end)
    {
        var roman = ScriptRepair.RomanNumeral(word);
        if (roman is not null && roman != word && word.All(char.IsUpper))
        {
            var following = text[end..Math.Min(text.Length, end + 12)].TrimStart(' ', '\u00A0');
            var centuryContext = CenturyContext().IsMatch(following);
            var tesseractReading = word.Contains('У') || word.Contains('П');
            if (centuryContext || (tesseractReading && word.Length >= 3))
            {
                return new Proposal(RuleRomanNumeral, roman, centuryContext ? 0.97 : 0.8,
                    centuryContext ? $"a Roman numeral before \"{following.Split(' ', '\u00A0')[0]}\" read as Cyrillic letters" : "looks like a Roman numeral read as Cyrillic letters");
            }
        }

        if (!ScriptRepair.IsMixed(word))
        {
            return null;
        }

        var cyrillicLetters = word.Count(ScriptRepair.IsCyrillic);
        var latinLetters = word.Count(ScriptRepair.IsLatin);
        var target = cyrillicLetters >= latinLetters ? ScriptRepair.ToCyrillic(word) : ScriptRepair.ToLatin(word);
        return target is null ? null : new Proposal(RuleMixedScript, target, 0.97,
            cyrillicLetters >= latinLetters ? "Latin look-alike letters inside a Russian word" : "Cyrillic look-alike letters inside a Latin word");
    }

    private static Proposal? ConfusionFix(string word, bool sentenceStart, CorrectionCandidates candidates, BookVocabulary vocabulary, Interop.Hunspell.HunspellDictionary dictionary)
    {
        // Capitalised words are names, except at a sentence start where only a cheap misreading is believed;
        // short words and the book's recurring forms are trusted.
        var capitalised = char.IsUpper(word[0]);
        if (word.Length < 3 || (capitalised && (!sentenceStart || word.Skip(1).Any(char.IsUpper))) || !word.All(ScriptRepair.IsCyrillic) ||
            dictionary.Spell(word) || vocabulary.WordCount(word) >= 2)
        {
            return null;
        }

        var best = Rank(word, candidates, vocabulary);
        if (best is null || (capitalised && best.Cost > OcrErrorModel.DroppedLetter))
        {
            return null;
        }

        return new Proposal(RuleOcrConfusion, best.After, best.Confidence, best.Reason);
    }

    private static Proposal? HyphenBreak(Match match, CorrectionCandidates candidates, BookVocabulary vocabulary, Interop.Hunspell.HunspellDictionary dictionary)
    {
        var joined = match.Groups["left"].Value + match.Groups["right"].Value;
        if (!char.IsLower(joined[0]) || dictionary.Spell(joined) || vocabulary.WordCount(joined) > 0)
        {
            return null; // a known join is dehyphenation's to make
        }

        return Rank(joined, candidates, vocabulary) is { } best
            ? new Proposal(RuleHyphenBreak, best.After, best.Confidence - 0.02, $"joined across the line end: {best.Reason}")
            : null;
    }

    /// <summary>The single best candidate, its confidence falling with the misreading's cost and with close rivals.</summary>
    private static Proposal? Rank(string word, CorrectionCandidates candidates, BookVocabulary vocabulary)
    {
        var ranked = candidates.For(word)
            .Select(c => c with { Cost = vocabulary.WordCount(c.Word) > 0 ? c.Cost - 0.2 : c.Cost })
            .OrderBy(c => c.Cost)
            .ToList();
        if (ranked.Count == 0 || ranked[0].Cost > MaximumCost)
        {
            return null;
        }

        var best = ranked[0];
        var confidence = 0.98 - (0.1 * Math.Max(0, best.Cost));
        var reason = $"\"{word}\" is not in the dictionary; \"{best.Word}\" is one OCR error away (cost {best.Cost:0.0#})";
        if (ranked.Count > 1 && ranked[1].Cost - best.Cost < 0.25)
        {
            confidence = Math.Min(confidence, 0.7);
            reason += $"; also possible: {string.Join(", ", ranked.Skip(1).TakeWhile(c => c.Cost - best.Cost < 0.25).Take(3).Select(c => c.Word))}";
        }

        return new Proposal(RuleOcrConfusion, best.Word, confidence, reason, best.Cost);
    }

    private static List<(int Start, int End)> QuotedSpans(string text) =>
        QuotePattern().Matches(text).Select(m => (m.Index, m.Index + m.Length)).ToList();

    /// <summary>A word, or a word broken by a line-end hyphen (which stays one token for the hyphen-break rule).</summary>
    [GeneratedRegex(@"(?<break>(?<left>\p{L}+)-\n(?<right>\p{L}+))|(?<![\p{L}\p{N}\\/.@-])(?>\p{L}+)(?![\p{N}@/]|\.\p{L}|-\p{L})")]
    private static partial Regex WordPattern();

    /// <summary>The text before a word ends a sentence (or is empty, or is a line of dialogue's dash).</summary>
    [GeneratedRegex(@"(?:^|[.!?…]\)?[ \u00A0]+|^[—–-][ \u00A0]+)[«„""(*]*$", RegexOptions.RightToLeft)]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"^(?:вв?\.|век|столет|тыс|съезд|Олимп)", RegexOptions.IgnoreCase)]
    private static partial Regex CenturyContext();

    [GeneratedRegex(@"«[^»]*»|„[^“]*“")]
    private static partial Regex QuotePattern();
}
