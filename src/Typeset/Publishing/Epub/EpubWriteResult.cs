using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary><paramref name="ChapterCount"/> counts the XHTML content files, front matter included.</summary>
public sealed record EpubWriteResult(int ChapterCount, IReadOnlyList<BookWarning> Warnings);
