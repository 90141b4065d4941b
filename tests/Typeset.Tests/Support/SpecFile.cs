using Markdig;
using Markdig.Syntax;

namespace Typeset.Tests.Support;

/// <summary>
/// A rule spec: a Markdown file whose level-2 headings name cases, each with an <c>```input</c> and an
/// <c>```expected</c> fenced block. The files double as documentation of what each rule does.
/// </summary>
public sealed record SpecCase(string File, string Name, string Input, string Expected)
{
    public override string ToString() => $"{File}: {Name}";

    public static IEnumerable<object[]> Load(string relativePath)
    {
        var path = Path.Combine(TestPaths.Specs, relativePath);
        var document = Markdig.Markdown.Parse(System.IO.File.ReadAllText(path));
        string? name = null;
        string? input = null;
        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock { Level: 2 } heading:
                    name = heading.Inline?.FirstChild?.ToString();
                    input = null;
                    break;
                case FencedCodeBlock { Info: "input" } fence:
                    input = fence.Lines.ToString();
                    break;
                case FencedCodeBlock { Info: "expected" } fence when name is not null && input is not null:
                    yield return [new SpecCase(relativePath, name, input, fence.Lines.ToString())];
                    break;
            }
        }
    }
}
