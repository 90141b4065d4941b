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
        var dictionary = context.Hunspell;
        var candidates = new CorrectionCandidates(dictionary, OcrErrorModel.ForProject(context));
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
                foreach (var decision in Decide(left, right, vocabulary, dictionary, candidates))
                {
                    edits.Add(new Edit(StageName, decision.Rule, part.Id, match.Index, match.Value, decision.After, decision.Confidence, decision.Reason));
                }
            }
        }

        return edits;
    }

    internal sealed record Decision(string Rule, string After, double Confidence, string Reason);

    internal static IEnumerable<Decision> Decide(
        string left, string right, BookVocabulary vocabulary, HunspellDictionary dictionary, CorrectionCandidates candidates)
    {
        var joined = left + right;
        var compound = left + "-" + right;
        var joinedKnown = dictionary.Spell(joined) || dictionary.Spell(Lower(joined));
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

        if (char.IsUpper(right[0]))
        {
            // A capital after the hyphen is a compound of names (Хингано-Мукденская is written with one capital, Бонч-Бруевич with two).
            return [new Decision(RuleKeep, compound, 0.92, "the part after the hyphen starts with a capital")];
        }

        if (joinedKnown)
        {
            return [new Decision(RuleJoin, joined, 0.96, $"\"{joined}\" is in the dictionary")];
        }

        if (dictionary.Spell(compound) && dictionary.Spell(left) && dictionary.Spell(right))
        {
            return [new Decision(RuleKeep, compound, 0.93, $"\"{compound}\" is in the dictionary and \"{joined}\" is not")];
        }

        if (char.IsLower(joined[0]) && candidates.Best(joined, vocabulary, MaximumCorrectionCost) is { } correction)
        {
            return [new Decision(RuleJoinCorrected, correction.Word, correction.Confidence - 0.02, $"joined across the line end: {correction.Reason}")];
        }

        return
        [
            new Decision(RuleKeep, compound, 0.9, $"neither \"{joined}\" nor \"{compound}\" is known: the hyphen is kept, check the word"),
            new Decision(RuleUnsure, joined, 0.5, $"neither \"{joined}\" nor \"{compound}\" is known: perhaps a hyphenation"),
        ];
    }

    private static string Lower(string word) => word.ToLowerInvariant();

    /// <summary>A word part, a hyphen (or soft hyphen, or Unicode hyphen), a line break, the next word part.</summary>
    [GeneratedRegex(@"(?<left>\p{L}+)[-\u00AD\u2010]\n(?<right>\p{L}+)")]
    private static partial Regex BreakPattern();
}
