using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
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
    /// A few words of the block's text before the change (white space collapsed), as the applier saw it: with
    /// <see cref="ContextAfter"/> and <see cref="Occurrence"/> what anchors the edit in content, not in offsets.
    /// Set by <see cref="EditAnchors.Attach"/>; empty for edits never anchored (OCR's dropped lines, whole blocks).
    /// </summary>
    public string ContextBefore { get; init; } = string.Empty;

    /// <summary>A few words of the block's text after the change (for a join: the start of the joined block).</summary>
    public string ContextAfter { get; init; } = string.Empty;

    /// <summary>0 for the first edit of its block with this rule, change and context; 1 for the next identical one, …</summary>
    public int Occurrence { get; init; }

    /// <summary>What identifies the edit across runs: its content, never its offset.</summary>
    public EditAnchor Anchor => new(Rule, BlockId, Before, After, ContextBefore, ContextAfter, Occurrence, JoinedBlockId);

    /// <summary>
    /// Stable across runs: the same rule making the same change among the same words gets the same id, however earlier
    /// edits (applied or rejected) moved the text before it. This is how the editor's decisions find their edit again.
    /// </summary>
    public string Id => Ids.GetValue(this, edit => edit.Anchor.Id);

    // Hashed once per instance (a review server asks every edit's id on every decision); `with` makes a new instance.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Edit, string> Ids = new();

    /// <summary>
    /// The id Typeset gave this edit before ids were anchored in content (a hash of rule, block, offset, before and after):
    /// decisions files written then still name edits by it.
    /// </summary>
    public string LegacyId
    {
        get
        {
            var key = string.Join('\u001f', Rule, BlockId, Start.ToString(CultureInfo.InvariantCulture), Before, After, JoinedBlockId ?? string.Empty);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        }
    }
}

/// <summary>
/// An edit's identity in content: rule, block, the change, the words around it and which of several identical ones it
/// is. Decisions keep it, so a later run can find the edit again when its id no longer matches (the words around it
/// were changed by another decision, or the block was renumbered).
/// </summary>
public sealed record EditAnchor(
    string Rule,
    string Block,
    string Before,
    string After,
    string ContextBefore,
    string ContextAfter,
    int Occurrence,
    string? JoinedBlock = null)
{
    public string Id
    {
        get
        {
            var key = string.Join('\u001f', "anchor", Rule, Block, Before, After, ContextBefore, ContextAfter,
                Occurrence.ToString(CultureInfo.InvariantCulture), JoinedBlock ?? string.Empty);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        }
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

    /// <summary>The words before the change when it was proposed (<see cref="Edit.ContextBefore"/>).</summary>
    public string ContextBefore { get; init; } = string.Empty;

    /// <summary>The words after the change when it was proposed (<see cref="Edit.ContextAfter"/>).</summary>
    public string ContextAfter { get; init; } = string.Empty;

    /// <summary>Which of several identical anchors in the block (<see cref="Edit.Occurrence"/>).</summary>
    public int Occurrence { get; init; }

    [JsonIgnore]
    public EditAnchor Anchor => new(Rule, Block, Before, After, ContextBefore, ContextAfter, Occurrence, JoinedBlock);

    /// <summary>The edit this line records; its <see cref="Edit.Id"/> is the record's id, so decisions find it.</summary>
    public Edit ToEdit() =>
        new(Stage, Rule, Block, Start, Before, After, Confidence, Reason, JoinedBlock, Scope)
        {
            ContextBefore = ContextBefore, ContextAfter = ContextAfter, Occurrence = Occurrence,
        };
}
