using Typeset.Model;

namespace Typeset.Pipeline;

/// <summary>A step of the pipeline. Stateless: everything a run needs is in the <see cref="StageContext"/>.</summary>
public interface IStage
{
    string Name { get; }

    Book Run(Book book, StageContext context);
}

/// <summary>
/// Which half of the pipeline a stage belongs to: recognition turns scans into the raw book, cleanup stages produce
/// book.md, publishing stages read it.
/// </summary>
public enum StageKind
{
    Recognition,

    Cleanup,
    Publishing,
}
