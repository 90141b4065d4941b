using Typeset.Cleanup.Spelling;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup.Spelling;

public class OcrWordConfidenceTests
{
    private const string Sidecar = """
        {"page":3,"blocks":[{"lines":[{"words":[
          {"text":"прнказ,","confidence":41.5},{"text":"прнказ","confidence":80},{"text":"отдал","confidence":96.2}]}]}]}
        """;

    [Fact]
    public void Reads_the_lowest_confidence_of_each_word_per_page()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.File("page-0003.json"), Sidecar);

        var confidence = OcrWordConfidence.Load(scratch.Path);

        Assert.Equal(41.5, confidence.Of(3, "прнказ"));
        Assert.Equal(96.2, confidence.Of(3, "Отдал"));
        Assert.Null(confidence.Of(4, "прнказ"));
        Assert.Null(confidence.Of(null, "прнказ"));
        Assert.Null(OcrWordConfidence.Load(scratch.File("absent")).Of(3, "прнказ"));
    }

    [Fact]
    public void A_word_the_engine_hesitated_over_is_corrected_with_more_confidence()
    {
        using var scratch = new ScratchFolder();
        var markdown = "<!-- page 3 -->\n\nКомандующий отдал прнказ о наступлении.";

        double ConfidenceOfFix(bool withSidecar)
        {
            using var context = TestContexts.ForStage("spelling", scratch.Path);
            var work = context.Config.Paths.OcrWorkFolder;
            if (withSidecar)
            {
                Directory.CreateDirectory(work);
                File.WriteAllText(Path.Combine(work, "page-0003.json"), Sidecar);
            }
            else if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            var edits = new SpellingStage().Propose(MarkdownReader.Read(markdown, new BookMeta("К")), context);
            return Assert.Single(edits, e => e.Before == "прнказ").Confidence;
        }

        Assert.True(ConfidenceOfFix(withSidecar: true) > ConfidenceOfFix(withSidecar: false));
    }
}
