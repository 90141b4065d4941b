using Typeset.Edits;
using Typeset.Model;

namespace Typeset.Pipeline;

/// <summary>
/// A cleanup stage only proposes edits; the shared <see cref="EditApplier"/> applies those that reach the stage's
/// <c>autoApply</c> threshold (or that the editor accepted) and logs all of them.
/// </summary>
public abstract class CleanupStage : IStage
{
    public const double DefaultAutoApply = 0.9;

    public abstract string Name { get; }

    public abstract IReadOnlyList<Edit> Propose(Book book, StageContext context);

    public Book Run(Book book, StageContext context)
    {
        var edits = Propose(book, context);
        var threshold = context.Stage.GetNumber("autoApply", DefaultAutoApply);
        var (result, records) = EditApplier.Apply(book, edits, threshold, context.Decisions);
        context.Log(records);
        return result;
    }
}
