using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Cleanup;
using Typeset.Interop.Hunspell;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Dehyphenation;

/// <summary>
/// Decides every hyphen at a line end: a hyphenation to join (<c>го-/сударственный</c>) or a real hyphen to keep
/// (<c>советско-/японской</c>, <c>Маньчжоу-/го</c>). Evidence: the Hunspell dictionary and the book's own vocabulary.
/// When neither side wins, the hyphen stays and the join is only suggested.
/// </summary>
public sealed partial class DehyphenateStage : CleanupStage
{
    public const string StageName = "dehyphenate";
    public const string RuleJoin = "dehyphenate.join";
    public const string RuleKeep = "dehyphenate.keep-hyphen";

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var vocabulary = new BookVocabulary(book);
        var dictionary = context.Hunspell;
        var edits = new List<Edit>();
        foreach (var block in book.Blocks)
        {
            var text = MarkdownWriter.SourceText(block);
            if (text.IndexOf('\n', StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (Match match in BreakPattern().Matches(text))
            {
                var left = match.Groups["left"].Value;
                var right = match.Groups["right"].Value;
                var edit = Decide(left, right, vocabulary, dictionary);
                edits.Add(new Edit(StageName, edit.Rule, block.Id, match.Index, match.Value, edit.After, edit.Confidence, edit.Reason));
            }
        }

        return edits;
    }

    internal sealed record Decision(string Rule, string After, double Confidence, string Reason);

    internal static Decision Decide(string left, string right, BookVocabulary vocabulary, HunspellDictionary dictionary)
    {
        var joined = left + right;
        var compound = left + "-" + right;
        var joinedKnown = dictionary.Spell(joined) || dictionary.Spell(Lower(joined));
        var joinedInBook = vocabulary.WordCount(joined) > 0;
        var compoundInBook = vocabulary.CompoundCount(compound) > 0;

        if (compoundInBook && !joinedInBook)
        {
            return new Decision(RuleKeep, compound, 0.97, $"the book writes \"{compound}\" with a hyphen mid-line");
        }

        if (joinedInBook && !compoundInBook)
        {
            return new Decision(RuleJoin, joined, 0.98, $"the book uses \"{joined}\" elsewhere");
        }

        if (char.IsUpper(right[0]))
        {
            // A capital after the hyphen is a compound of names (Хингано-Мукденская is written with one capital, Бонч-Бруевич with two).
            return new Decision(RuleKeep, compound, 0.92, "the part after the hyphen starts with a capital");
        }

        if (joinedKnown)
        {
            return new Decision(RuleJoin, joined, 0.96, $"\"{joined}\" is in the dictionary");
        }

        var compoundKnown = dictionary.Spell(compound) && dictionary.Spell(left) && dictionary.Spell(right);
        if (compoundKnown)
        {
            return new Decision(RuleKeep, compound, 0.93, $"\"{compound}\" is in the dictionary and \"{joined}\" is not");
        }

        return new Decision(RuleJoin, joined, 0.6, $"neither \"{joined}\" nor \"{compound}\" is known; check the word");
    }

    private static string Lower(string word) => word.ToLowerInvariant();

    /// <summary>A word part, a hyphen (or soft hyphen, or Unicode hyphen), a line break, the next word part.</summary>
    [GeneratedRegex(@"(?<left>\p{L}+)[-\u00AD\u2010]\n(?<right>\p{L}+)")]
    private static partial Regex BreakPattern();
}
