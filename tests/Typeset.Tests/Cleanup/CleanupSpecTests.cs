using Typeset.Cleanup.Dehyphenation;
using Typeset.Cleanup.Joining;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup;

/// <summary>One theory per rule family, fed by the Markdown specs in Specs/Cleanup.</summary>
public class CleanupSpecTests
{
    public static IEnumerable<object[]> JoinSpecs => SpecCase.Load("Cleanup/join.md");

    public static IEnumerable<object[]> DehyphenateSpecs => SpecCase.Load("Cleanup/dehyphenate.md");

    [Theory]
    [MemberData(nameof(JoinSpecs))]
    public void Join(SpecCase spec) => AssertStage(new JoinStage(), spec);

    [Theory]
    [MemberData(nameof(DehyphenateSpecs))]
    public void Dehyphenate(SpecCase spec) => AssertStage(new DehyphenateStage(), spec);

    [Fact]
    public void Every_spec_file_has_cases()
    {
        Assert.True(JoinSpecs.Count() >= 8);
        Assert.True(DehyphenateSpecs.Count() >= 6);
    }

    private static void AssertStage(CleanupStage stage, SpecCase spec)
    {
        using var context = TestContexts.ForStage(stage.Name);
        var book = MarkdownReader.Read(spec.Input, new BookMeta("Спецификация"));

        var result = stage.Run(book, context);

        Assert.Equal(spec.Expected.Trim(), MarkdownWriter.Write(result).Trim());
    }
}
