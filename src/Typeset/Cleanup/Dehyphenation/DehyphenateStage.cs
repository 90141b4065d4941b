using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Cleanup.Spelling;
using Typeset.Interop.Hunspell;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Dehyphenation;

/// <summary>
/// Decides every hyphen at a line end: a hyphenation to join (<c>го-/сударственный</c>) or a real hyphen to keep
/// (<c>советско-/японской</c>, <c>Маньчжоу-/го</c>). Evidence: the Hunspell dictionary and the book's own vocabulary.
/// A join that is one OCR error from a dictionary word (<c>отка-/злся</c> → <c>отказался</c>) is joined and corrected.
/// When nothing decides, the hyphen stays (the safe reading) and the join is only suggested.
/// </summary>
public sealed partial class DehyphenateStage : CleanupStage
{
    public const string StageName = "dehyphenate";
    public const string RuleJoin = "dehyphenate.join";
    public const string RuleKeep = "dehyphenate.keep-hyphen";
    public const string RuleJoinCorrected = "dehyphenate.join-corrected";
    public const string RuleUnsure = "dehyphenate.unsure";

    /// <summary>Only a cheap misreading (a dropped or look-alike letter) is believed in a word that is also broken.</summary>
    private const double MaximumCorrectionCost = 0.5;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var vocabulary = new BookVocabulary(book);
        var lexicon = new Lexicon(context.Hunspell, context.Morphology);
        var candidates = new CorrectionCandidates(lexicon, OcrErrorModel.ForProject(context));
        var edits = new List<Edit>();
        foreach (var part in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(part);
            if (text.IndexOf('\n', StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (Match match in BreakPattern().Matches(text))
            {
                var left = match.Groups["left"].Value;
                var right = match.Groups["right"].Value;
                foreach (var decision in Decide(left, right, vocabulary, lexicon, candidates))
                {
                    edits.Add(new Edit(StageName, decision.Rule, part.Id, match.Index, match.Value, decision.After, decision.Confidence, decision.Reason));
                }
            }
        }

        return edits;
    }

    internal sealed record Decision(string Rule, string After, double Confidence, string Reason);

    internal static IEnumerable<Decision> Decide(
        string left, string right, BookVocabulary vocabulary, Lexicon lexicon, CorrectionCandidates candidates)
    {
        var joined = left + right;
        var compound = left + "-" + right;
        var joinedKnown = lexicon.IsWord(joined) || lexicon.IsWord(Lower(joined));
        var joinedInBook = vocabulary.WordCount(joined) > 0;
        var compoundInBook = vocabulary.CompoundCount(compound) > 0;

        if (compoundInBook && !joinedInBook)
        {
            return [new Decision(RuleKeep, compound, 0.97, $"the book writes \"{compound}\" with a hyphen mid-line")];
        }

        if (joinedInBook && !compoundInBook)
        {
            return [new Decision(RuleJoin, joined, 0.98, $"the book uses \"{joined}\" elsewhere")];
        }

        // A line of Russian read partly in Latin look-alikes (Kop-/ректная, зна-/er): the joined word is repaired whole.
        if (joined.Any(char.IsAsciiLetter) && joined.Any(ScriptRepair.IsCyrillic))
        {
            if (ScriptReading(joined, lexicon) is { } repaired)
            {
                return [new Decision(RuleJoinCorrected, repaired, 0.93, $"joined across the line end, Latin look-alike letters read as Russian: \"{repaired}\" is in the dictionary")];
            }
        }

        if (char.IsUpper(right[0]))
        {
            // A capital after the hyphen is a compound of names (Хингано-Мукденская is written with one capital, Бонч-Бруевич with two).
            return [new Decision(RuleKeep, compound, 0.92, "the part after the hyphen starts with a capital")];
        }

        if (joinedKnown)
        {
            return [new Decision(RuleJoin, joined, 0.96, $"\"{joined}\" is in the dictionary")];
        }

        if (lexicon.Hunspell.Spell(compound) && lexicon.IsWord(left) && lexicon.IsWord(right))
        {
            return [new Decision(RuleKeep, compound, 0.93, $"\"{compound}\" is in the dictionary and \"{joined}\" is not")];
        }

        if (char.IsLower(joined[0]) && candidates.Best(joined, vocabulary, MaximumCorrectionCost) is { } correction)
        {
            if (correction.Word.Contains(' ', StringComparison.Ordinal))
            {
                // The typesetter hyphenated one word: a reading that splits it (од-нопользовательский → "одно пользовательский")
                // contradicts the hyphen, so the plain join (a compound the dictionary lacks) is taken and the split only offered.
                return
                [
                    new Decision(RuleJoin, joined, 0.9, $"joined across the line end: a word hyphenated at a line end is one word, though the dictionary lacks \"{joined}\""),
                    new Decision(RuleJoinCorrected, correction.Word, 0.5, $"joined across the line end: {correction.Reason}"),
                ];
            }

            return [new Decision(RuleJoinCorrected, correction.Word, correction.Confidence - 0.02, $"joined across the line end: {correction.Reason}")];
        }

        return
        [
            new Decision(RuleKeep, compound, 0.9, $"neither \"{joined}\" nor \"{compound}\" is known: the hyphen is kept, check the word"),
            new Decision(RuleUnsure, joined, 0.5, $"neither \"{joined}\" nor \"{compound}\" is known: perhaps a hyphenation"),
        ];
    }

    private static string Lower(string word) => word.ToLowerInvariant();

    /// <summary>A word mixing Latin look-alikes into Russian, each Latin run read as Russian letters, when the result is a word.</summary>
    private static string? ScriptReading(string word, Lexicon lexicon)
    {
        if (ScriptRepair.ToCyrillic(word) is { } plain && lexicon.IsWord(plain))
        {
            return plain;
        }

        var runs = LatinRun().Matches(word).ToList();
        if (runs.Count != 1)
        {
            return null;
        }

        var run = runs[0];
        foreach (var (reading, _) in ScriptRepair.CyrillicReadings(run.Value))
        {
            var candidate = word[..run.Index] + reading + word[(run.Index + run.Length)..];
            if (char.IsUpper(word[0]))
            {
                candidate = char.ToUpperInvariant(candidate[0]) + candidate[1..];
            }

            if (lexicon.IsWord(candidate) || lexicon.IsWord(candidate.ToLowerInvariant()))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex LatinRun();

    /// <summary>
    /// A word part, a hyphen (or soft hyphen, or Unicode hyphen), a line break, the next word part. Specks OCR read as
    /// marks after the hyphen (предпо- ., сосредото-., мне- ‘`) or before a lower-case continuation (‘тирования, a lone
    /// `. динение` opening the next line) are part of the break: Russian sets no mark there, so they go with it.
    /// </summary>
    [GeneratedRegex(@"(?<left>\p{L}+)[-\u00AD\u2010](?:[ \u00A0]*(?:\\?[`'‘’‚.,])+)*[ \u00A0]*\n(?:(?:\\?[`'‘’‚.,])+[ \u00A0]*(?=\p{Ll}))?(?<right>\p{L}+)")]
    private static partial Regex BreakPattern();
}
