using Typeset.Cleanup.Captions;
using Typeset.Cleanup.Dehyphenation;
using Typeset.Cleanup.Editorial;
using Typeset.Cleanup.Footnotes;
using Typeset.Cleanup.Joining;
using Typeset.Cleanup.Names;
using Typeset.Cleanup.Spelling;
using Typeset.Cleanup.Typography;
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

    public static IEnumerable<object[]> CaptionSpecs => SpecCase.Load("Cleanup/captions.md");

    public static IEnumerable<object[]> FootnoteSpecs => SpecCase.Load("Cleanup/footnotes.md");

    public static IEnumerable<object[]> NameSpecs => SpecCase.Load("Cleanup/names.md");

    public static IEnumerable<object[]> SpellingSpecs => SpecCase.Load("Cleanup/spelling.md");

    public static IEnumerable<object[]> TypographySpecs => SpecCase.Load("Cleanup/typography.md");

    public static IEnumerable<object[]> EditorialSpecs => SpecCase.Load("Cleanup/editorial.md");

    [Theory]
    [MemberData(nameof(CaptionSpecs))]
    public void Captions(SpecCase spec) => AssertStage(new CaptionStage(), spec);

    [Theory]
    [MemberData(nameof(FootnoteSpecs))]
    public void Footnotes(SpecCase spec) => AssertStage(new FootnoteStage(), spec);

    [Theory]
    [MemberData(nameof(NameSpecs))]
    public void Names(SpecCase spec) => AssertStage(new NamesStage(), spec);

    [Theory]
    [MemberData(nameof(SpellingSpecs))]
    public void Spelling(SpecCase spec) => AssertStage(new SpellingStage(), spec);

    [Theory]
    [MemberData(nameof(TypographySpecs))]
    public void Typography(SpecCase spec) => AssertStage(new TypographyStage(), spec);

    [Theory]
    [MemberData(nameof(EditorialSpecs))]
    public void Editorial(SpecCase spec) => AssertStage(new EditorialStage(), spec);

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
        Assert.True(DehyphenateSpecs.Count() >= 7);
        Assert.True(CaptionSpecs.Count() >= 5);
        Assert.True(FootnoteSpecs.Count() >= 4);
        Assert.True(TypographySpecs.Count() >= 10);
        Assert.True(SpellingSpecs.Count() >= 7);
        Assert.True(NameSpecs.Count() >= 6);
        Assert.True(EditorialSpecs.Count() >= 7);
    }

    /// <summary>Specs write a no-break space as ⍽ so that it can be seen.</summary>
    private static string Visible(string text) => text.Replace('⍽', '\u00A0');

    private static void AssertStage(CleanupStage stage, SpecCase spec)
    {
        using var scratch = new ScratchFolder();
        using var context = TestContexts.ForStage(stage.Name, scratch.Path);
        var book = MarkdownReader.Read(Visible(spec.Input), new BookMeta("Спецификация"));

        var result = stage.Run(book, context);

        Assert.Equal(Visible(spec.Expected).Trim(), MarkdownWriter.Write(result).Trim());
        Assert.DoesNotContain(context.EditLog, r => r.Status == global::Typeset.Edits.EditStatus.Conflict);
    }
}
