using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>
/// <paramref name="ChapterCount"/> counts the XHTML content files, front matter included; <paramref name="Notes"/> are
/// for the editor but no fault (images described by their caption alone, which alt text could describe better).
/// </summary>
public sealed record EpubWriteResult(int ChapterCount, IReadOnlyList<BookWarning> Warnings, IReadOnlyList<string>? Notes = null);
