using System.Text;
using Typeset.Edits;

namespace Typeset.Review;

/// <summary>What an edit does to the book, judged from its shape alone (any rule, any book), most consequential first.</summary>
public enum EditImpact
{
    /// <summary>A block becomes another kind, markup changes (a note bound, a caption made a figure), or words are dropped.</summary>
    Structure,

    /// <summary>Two paragraphs become one.</summary>
    Join,

    /// <summary>The letters or digits change: a spelling, a name, a word joined and corrected.</summary>
    Word,

    /// <summary>The same letters, other words: a hyphenation joined, a compound split.</summary>
    Shape,

    /// <summary>Only spaces, dashes, quotes and other punctuation.</summary>
    Typography,
}

/// <summary>Where the review page puts an edit: what needs the editor first.</summary>
public enum ReviewTier
{
    /// <summary>Not applied (a suggestion, or an edit that could not be applied): the editor decides.</summary>
    Suggestion,

    /// <summary>Applied, and it changed content: reviewed one by one, lowest confidence first.</summary>
    Content,

    /// <summary>Applied, routine and reversible: reviewed by rule, in bulk.</summary>
    Routine,
}

/// <summary>
/// Triage for the review page. Routine means typography, or a change of word shape (a hyphenation joined) the rule was
/// sure of; everything else that was applied is content; whatever was not applied needs a decision.
/// </summary>
public static class ReviewTriage
{
    /// <summary>From this confidence a change of word shape (a hyphenation joined) is routine.</summary>
    public const double ConfidentShape = 0.95;

    /// <summary>Below this confidence an applied content change is "low confidence": always in the default view and in "needs me".</summary>
    public const double LowConfidence = 0.95;

    private const string Markup = "[]^<>*!()`_#|\\/";

    public static EditImpact Impact(EditRecord edit)
    {
        if (edit.Scope == EditScope.Block)
        {
            return EditImpact.Structure;
        }

        if (edit.JoinedBlock is not null)
        {
            return EditImpact.Join;
        }

        var (before, after) = (Letters(edit.Before), Letters(edit.After));
        if (after.Length == 0 && before.Length > 0)
        {
            return EditImpact.Structure; // words taken out (a running head, a folio)
        }

        if (MarkupOf(edit.Before) != MarkupOf(edit.After))
        {
            return EditImpact.Structure;
        }

        if (before != after)
        {
            return EditImpact.Word;
        }

        return Words(edit.Before).SequenceEqual(Words(edit.After)) ? EditImpact.Typography : EditImpact.Shape;
    }

    public static ReviewTier Tier(EditRecord edit, EditImpact impact) => edit.Status switch
    {
        EditStatus.Suggested or EditStatus.Conflict => ReviewTier.Suggestion,
        _ when impact == EditImpact.Typography || (impact == EditImpact.Shape && edit.Confidence >= ConfidentShape) => ReviewTier.Routine,
        _ => ReviewTier.Content,
    };

    /// <summary>An "always/never make this change" decision makes sense where a rule could make the same change elsewhere: a change of words.</summary>
    public static bool CanRepeat(EditRecord edit, EditImpact impact) =>
        impact is EditImpact.Word or EditImpact.Shape && edit.Scope == EditScope.Text && edit.Before.Length <= 64 && edit.After.Length <= 64;

    /// <summary>
    /// The word to offer for the project dictionary, or null: the word as the scan has it when the edit changes one word
    /// (the editor says it was right), or the joined word of a hyphenation the rule only suggested.
    /// </summary>
    public static string? DictionaryWord(EditRecord edit, EditImpact impact)
    {
        if (impact is not (EditImpact.Word or EditImpact.Shape) || edit.Scope != EditScope.Text)
        {
            return null;
        }

        // Not an abbreviation ("г." → "гг."): a word of three letters at least.
        var word = SingleWord(edit.Before) ?? SingleWord(edit.After);
        return word is not null && word.Count(char.IsLetter) >= 3 && UserWords.Problem(word) is null ? word : null;
    }

    private static string? SingleWord(string text)
    {
        var trimmed = text.Trim().Trim('.', ',', ';', ':', '!', '?', '«', '»', '"', '(', ')');
        return trimmed.Length > 0 && trimmed.All(c => char.IsLetter(c) || c == '-' && trimmed.Length > 1) && !trimmed.StartsWith('-') && !trimmed.EndsWith('-')
            ? trimmed
            : null;
    }

    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string MarkupOf(string text) => new(text.Where(c => Markup.Contains(c)).ToArray());

    /// <summary>The words as letter runs: "го-↵сударственный" is two, "государственный" one.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0)
            {
                yield return builder.ToString();
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            yield return builder.ToString();
        }
    }
}
