using SkiaSharp;
using Typeset.Model;
using Typeset.Ocr;
using Typeset.Tests.Support;

namespace Typeset.Tests.Ocr;

public class OcrAlternativesTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private void Sidecar(int page, string wordsJson) =>
        File.WriteAllText(scratch.File($"work/ocr/page-{page:0000}.json").EnsureFolder(),
            $$"""{ "page": {{page}}, "blocks": [ { "kind": "flowingText", "lines": [ { "words": [ {{wordsJson}} ] } ] } ] }""");

    [Fact]
    public void A_correction_the_recogniser_considered_gets_the_confidence_of_the_rival_it_needs()
    {
        Sidecar(3, """
            { "text": "«аитомобиля»,", "confidence": 61.0, "alternatives": [
                { "at": 2, "chosen": "и", "others": [ { "text": "н", "confidence": 26.0 }, { "text": "в", "confidence": 7.1 } ] },
                { "at": 10, "chosen": "я", "others": [ { "text": "и", "confidence": 62.2 } ] } ] },
            { "text": "года", "confidence": 96.0 }
            """);

        var alternatives = OcrAlternatives.Load(scratch.File("work/ocr"));

        Assert.Equal(7.1, alternatives.Considered(3, "аитомобиля", "автомобиля"));
        Assert.Equal(26.0, alternatives.Considered(3, "аитомобиля", "антомобиля"));
        Assert.Equal(7.1, alternatives.Considered(3, "аитомобиля", "автомобили"));
        Assert.Equal(100, alternatives.Considered(3, "аитомобиля", "аитомобиля"));
        Assert.Null(alternatives.Considered(3, "аитомобиля", "аптомобиля"));
        Assert.Null(alternatives.Considered(3, "аитомобиля", "автомобилям"));
        Assert.Null(alternatives.Considered(4, "аитомобиля", "автомобиля"));
        Assert.Equal(7.1, alternatives.Considered(null, "аитомобиля,", "автомобиля"));
        Assert.Empty(alternatives.Of(3, "года"));
    }

    [Fact]
    public void A_reading_whose_alternatives_do_not_fit_its_text_is_left_out_and_a_missing_folder_gives_none()
    {
        Sidecar(1, """{ "text": "дом", "confidence": 50.0, "alternatives": [ { "at": 1, "chosen": "x", "others": [ { "text": "а", "confidence": 40.0 } ] } ] }""");

        Assert.Empty(OcrAlternatives.Load(scratch.File("work/ocr")).Of(1, "дом"));
        Assert.Same(OcrAlternatives.None, OcrAlternatives.Load(scratch.File("absent")));
    }

    [Fact]
    public void The_ocr_stage_keeps_the_recognisers_rivals_in_the_sidecars()
    {
        // Small, soft type (a phone photo's): the recogniser hesitates over some letters.
        var lines = Enumerable.Range(1, 12).Select(i => $"{i}. " + SyntheticScan.Pangram).ToArray();
        using var sharp = SyntheticScan.Render(lines, width: 1400, sizePx: 22);
        using var soft = new SKBitmap(sharp.Width / 2, sharp.Height / 2, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(soft))
        using (var image = SKImage.FromBitmap(sharp))
        {
            canvas.DrawImage(image, new SKRect(0, 0, soft.Width, soft.Height), new SKSamplingOptions(SKFilterMode.Linear));
        }

        using (var data = soft.Encode(SKEncodedImageFormat.Jpeg, 40))
        {
            File.WriteAllBytes(scratch.File("scans/page.jpg").EnsureFolder(), data.ToArray());
        }

        var folders = new OcrFolders(scratch.Path, scratch.File("images"), scratch.File("work/ocr"));
        OcrBook.Recognize([scratch.File("scans")], new OcrSettings(), folders, BookMeta.Untitled, Typeset.Edits.NoDecisions.Instance);

        var sidecar = File.ReadAllText(scratch.File("work/ocr/page-0001.json"));
        Assert.Contains("\"alternatives\"", sidecar);
        var alternatives = OcrAlternatives.Load(scratch.File("work/ocr"));
        var readings = SyntheticScan.Pangram.Split(' ').SelectMany(w => alternatives.Of(1, w)).ToList();
        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.All(r.Rivals, rival => Assert.All(rival.Value, choice =>
        {
            Assert.NotEqual(r.Symbols[rival.Key], choice.Text);
            Assert.InRange(choice.Confidence, 1, 100);
        })));
    }
}
