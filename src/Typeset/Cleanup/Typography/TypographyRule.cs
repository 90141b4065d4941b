namespace Typeset.Cleanup.Typography;

/// <summary>One change a typography rule wants at <see cref="Start"/> of a block's source text.</summary>
public sealed record TypographyFix(int Start, string Before, string After, double Confidence, string Reason);

/// <summary>A Russian typography rule: a stable id, the pipeline.json switch that turns it off, and the fixes it finds in a text.</summary>
public sealed record TypographyRule(string Id, string Option, Func<string, IEnumerable<TypographyFix>> Find);
