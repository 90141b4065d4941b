namespace Typeset.Model;

/// <summary>What a warning is about, so tools (and tests) can tell warnings apart without parsing messages.</summary>
public enum WarningKind
{
    /// <summary>Anything not listed below (a missing dictionary, a font, a setting).</summary>
    General,
    Input,
    Nesting,
    Footnote,
    Figure,
    Table,
    List,
    Heading,
    Layout,
    FrontMatter,
}

/// <summary>A warning about the book: the block it concerns (when there is one), its kind, and a message for people.</summary>
public sealed record BookWarning(string? BlockId, WarningKind Kind, string Message)
{
    public static BookWarning About(Block block, WarningKind kind, string message) => new(block.Id, kind, message);

    public static BookWarning General(string message) => new(null, WarningKind.General, message);

    public override string ToString() => BlockId is null ? Message : $"block {BlockId}: {Message}";
}
