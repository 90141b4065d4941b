using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Repairs OCR misreadings against the Hunspell dictionary: words mixing Latin and Cyrillic look-alikes, Roman numerals
/// read as Cyrillic, and unknown lower-case words one OCR error away from a single best dictionary word (words broken
/// at a line end are dehyphenation's). Proper names
/// (capitalised), abbreviations, numbers, Latin words and words the book uses consistently are left alone.
/// </summary>
public sealed partial class SpellingStage : CleanupStage
{
    public const string StageName = "spelling";
    public const string RuleMixedScript = "spelling.mixed-script";
    public const string RuleRomanNumeral = "spelling.roman-numeral";
    public const string RuleOcrConfusion = "spelling.ocr-confusion";

    /// <summary>Costlier misreadings than this are not worth proposing: the word is more likely right and unknown.</summary>
    private const double MaximumCost = 1.0;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var model = OcrErrorModel.ForProject(context);
        var candidates = new CorrectionCandidates(context.Hunspell, model);
        var vocabulary = new BookVocabulary(book);
        var ocrConfidence = OcrWordConfidence.Load(context.Config.Paths.OcrWorkFolder);
        var dictionary = context.Hunspell;
        var edits = new List<Edit>();

        foreach (var part in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(part);
            var quoted = QuotedSpans(text);
            var untouchable = MarkdownWriter.ProtectedSpans(part);
            foreach (Match match in WordPattern().Matches(text))
            {
                if (untouchable.Any(span => match.Index < span.End && match.Index + match.Length > span.Start))
                {
                    continue;
                }

                var word = match.Value;
                var sentenceStart = SentenceStart().IsMatch(text.AsSpan(0, match.Index));
                var proposal = ScriptFix(word, text, match.Index + match.Length) ?? ConfusionFix(word, sentenceStart, candidates, vocabulary, dictionary);
                if (proposal is { } p)
                {
                    var (confidence, reason) = WeighOcrConfidence(p, ocrConfidence.Of(part.Page, word));
                    if (quoted.Any(q => match.Index >= q.Start && match.Index < q.End))
                    {
                        confidence = Math.Min(confidence, 0.85);
                    }

                    edits.Add(new Edit(StageName, p.Rule, part.Id, match.Index, word, p.After, confidence, reason));
                }
            }
        }

        return edits;
    }

    private sealed record Proposal(string Rule, string After, double Confidence, string Reason, double Cost = 0);

    /// <summary>
    /// Where the OCR engine hesitated over the word, a misreading is likelier; where it was sure, a costly correction
    /// is less likely right. Unknown (a book that started from Markdown): no change.
    /// </summary>
    private static (double Confidence, string Reason) WeighOcrConfidence(Proposal proposal, double? ocr) => ocr switch
    {
        < 70 => (Math.Min(0.99, proposal.Confidence + 0.03), $"{proposal.Reason}; OCR read it with {ocr:0} % confidence"),
        >= 95 when proposal.Cost >= OcrErrorModel.DroppedLetter => (proposal.Confidence - 0.05, $"{proposal.Reason}; OCR was {ocr:0} % sure of it"),
        _ => (proposal.Confidence, proposal.Reason),
    };

    private static Proposal? ScriptFix(string word, string text, int end)
    {
        var roman = ScriptRepair.RomanNumeral(word);
        if (roman is not null && roman != word && word.All(char.IsUpper))
        {
            var following = text[end..Math.Min(text.Length, end + 30)];
            var preceding = text[Math.Max(0, end - word.Length - 30)..(end - word.Length)];
            // Evidence: a century ("XIX – начале XX в."), a regnal number after a name ("Николай II"), or the
            // Ukrainian І, which Russian text never uses, so it can only be a misread Latin I.
            var (evident, why) =
                CenturyContext().IsMatch(following) ? (true, "before a century or a year count") :
                word.Length >= 2 && !following.StartsWith('.') && RegnalContext().IsMatch(preceding) ? (true, "after a name, as a regnal number") :
                word.Contains('І') ? (true, "with the letter І, which Russian does not use") :
                (false, string.Empty);
            var tesseractReading = word.Contains('У') || word.Contains('П');
            if (evident || (tesseractReading && word.Length >= 3))
            {
                return new Proposal(RuleRomanNumeral, roman, evident ? 0.96 : 0.8,
                    evident ? $"a Roman numeral read as Cyrillic letters ({why})" : "looks like a Roman numeral read as Cyrillic letters");
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
            dictionary.Spell(word))
        {
            return null;
        }

        // A form the book repeats is its own usage — unless it is a preposition glued to a word, an OCR habit that repeats.
        var recurring = vocabulary.WordCount(word) >= 2;
        var best = Rank(word, candidates, vocabulary);
        if (best is null || (capitalised && best.Cost > OcrErrorModel.DroppedLetter) || (recurring && !best.After.Contains(' ', StringComparison.Ordinal)))
        {
            return null;
        }

        return new Proposal(RuleOcrConfusion, best.After, best.Confidence, best.Reason);
    }

    private static Proposal? Rank(string word, CorrectionCandidates candidates, BookVocabulary vocabulary) =>
        candidates.Best(word, vocabulary, MaximumCost) is { } best
            ? new Proposal(RuleOcrConfusion, best.Word, best.Confidence, best.Reason, best.Cost)
            : null;

    private static List<(int Start, int End)> QuotedSpans(string text) =>
        QuotePattern().Matches(text).Select(m => (m.Index, m.Index + m.Length)).ToList();

    /// <summary>A word on its own: not part of a hyphenated compound, a number, an address or a line-end break.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}\\/.@-])(?>\p{L}+)(?![\p{N}@/]|\.\p{L}|-\p{L})")]
    private static partial Regex WordPattern();

    /// <summary>The text before a word ends a sentence (or is empty, or is a line of dialogue's dash).</summary>
    [GeneratedRegex(@"(?:^|[.!?…]\)?[ \u00A0]+|^[—–-][ \u00A0]+)[«„""(*]*$", RegexOptions.RightToLeft)]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"^[ \u00A0]*(?:[–—-][ \u00A0]*(?:\p{Ll}+[ \u00A0]+)?[IVXLCХІУПМ]+[ \u00A0]*)?(?:вв?\.|век|столет|тыс|съезд)", RegexOptions.IgnoreCase)]
    private static partial Regex CenturyContext();

    [GeneratedRegex(@"(?<![\p{L}])\p{Lu}\p{Ll}{2,}[ \u00A0]$")]
    private static partial Regex RegnalContext();

    [GeneratedRegex(@"«[^»]*»|„[^“]*“")]
    private static partial Regex QuotePattern();
}
