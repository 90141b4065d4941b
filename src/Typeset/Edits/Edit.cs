using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Edits;

/// <summary>
/// A change a cleanup rule proposes. Text edits replace <see cref="Before"/> at <see cref="Start"/> in the block's
/// Markdown source text (see <c>MarkdownWriter.SourceText</c>) with <see cref="After"/>. A join edit
/// (<see cref="JoinedBlockId"/> set) appends that later block to this one with <see cref="After"/> between them
/// and moves the blocks that stood between after the result; its Before/After show the seam for review.
/// </summary>
public sealed record Edit(
    string Stage,
    string Rule,
    string BlockId,
    int Start,
    string Before,
    string After,
    double Confidence,
    string Reason,
    string? JoinedBlockId = null,
    EditScope Scope = EditScope.Text)
{
    public bool IsJoin => JoinedBlockId is not null;

    /// <summary>
    /// Replaces the whole block: <see cref="Before"/> is its Markdown, <see cref="After"/> the Markdown of exactly one
    /// block that takes its place and id (a raw footnote paragraph becoming a footnote, a caption becoming a figure).
    /// </summary>
    public static Edit ReplaceBlock(string stage, string rule, Block block, string after, double confidence, string reason) =>
        new(stage, rule, block.Id, 0, MarkdownWriter.WriteBlock(block), after, confidence, reason, Scope: EditScope.Block);

    /// <summary>
    /// Stable across runs of the same input: the same rule making the same change at the same place gets the same id,
    /// which is how the editor's decisions find their edit again.
    /// </summary>
    public string Id { get; } = StableId(Rule, BlockId, Start, Before, After, JoinedBlockId);

    private static string StableId(string rule, string block, int start, string before, string after, string? joined)
    {
        var key = string.Join('\u001f', rule, block, start.ToString(CultureInfo.InvariantCulture), before, after, joined ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}

public enum EditScope
{
    /// <summary>A replacement inside the block's Markdown source text.</summary>
    Text,

    /// <summary>The block is replaced by another (possibly of another kind).</summary>
    Block,
}

public enum EditStatus
{
    /// <summary>Applied to the text (confidence at or above the stage's autoApply, or accepted by the editor).</summary>
    Applied,

    /// <summary>Below the autoApply threshold: logged for the editor, text unchanged.</summary>
    Suggested,

    /// <summary>The editor rejected it: not applied.</summary>
    Rejected,

    /// <summary>Overlapped another edit or no longer matched the text: not applied.</summary>
    Conflict,
}

/// <summary>One line of output/review/edits.jsonl.</summary>
public sealed record EditRecord(
    string Id,
    string Stage,
    string Rule,
    string Block,
    int? Page,
    int Start,
    string Before,
    string After,
    double Confidence,
    string Reason,
    EditStatus Status,
    string? JoinedBlock)
{
    public EditScope Scope { get; init; }
}
