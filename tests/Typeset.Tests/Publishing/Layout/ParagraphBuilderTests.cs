using SkiaSharp;
using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Layout;

public sealed class ParagraphBuilderTests : IDisposable
{
    private const double Size = 10.5;
    private readonly FontLibrary fonts = new(FontResolver.System);
    private readonly GreedyLineBreaker breaker = new();

    public void Dispose() => fonts.Dispose();

    [Fact]
    public void A_word_longer_than_the_measure_is_split_by_characters_and_no_line_overflows()
    {
        const string longWord = "Дальневосточновоенноморскаяпереправочнаяэкспедиционнаяоперация";
        var content = Content(new Text($"Перед словом {longWord} после слова и ещё немного текста."));
        const double measure = 150;

        var (items, lines) = Set(content, measure, indent: 15);

        Assert.All(lines, line => Assert.True(Width(items, line) <= measure + 0.01, $"line is {Width(items, line)} wide"));
        var text = string.Concat(lines.Select(line => LineText(items, line)));
        Assert.Contains(longWord, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(lines.Count >= 3);
    }

    [Fact]
    public void No_break_space_never_becomes_a_line_end()
    {
        var content = Content(new Text("Советские войска перешли границу в 1945\u00A0г. и разгромили армию за две\u00A0недели."));

        for (var measure = 40.0; measure <= 260; measure += 1.5)
        {
            var (items, lines) = Set(content, measure);
            var lineTexts = lines.Select(line => LineText(items, line)).ToList();
            Assert.DoesNotContain(lineTexts, text => text.EndsWith("1945", StringComparison.Ordinal));
            Assert.DoesNotContain(lineTexts, text => text.EndsWith("две", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Justified_lines_fill_the_measure_and_the_last_line_is_ragged()
    {
        var content = Content(new Text(string.Join(' ', Enumerable.Repeat("Маньчжурская стратегическая наступательная операция стала одной из самых успешных.", 5))));
        const double measure = 200;

        var (items, lines) = Set(content, measure, indent: 15);

        Assert.True(lines.Count > 3);
        foreach (var line in lines.SkipLast(1))
        {
            var placed = LineSetter.Place(items, line, measure, TextAlign.Justify);
            Assert.Equal(measure, placed.Width, 0.01);
        }

        Assert.True(LineSetter.Place(items, lines[^1], measure, TextAlign.Justify).Width < measure);
    }

    [Fact]
    public void Emphasis_and_strong_runs_use_their_own_faces_and_widths()
    {
        var content = Content(
            new Text("обычный "),
            new Emphasis(ValueList<Inline>.Of(new Text("курсив"))),
            new Text(" "),
            new Strong(ValueList<Inline>.Of(new Text("жирный"))),
            new Text(" сло"),
            new Emphasis(ValueList<Inline>.Of(new Text("во"))));

        var (items, _) = Set(content, 300);
        var boxes = items.OfType<Box>().ToList();
        var runs = boxes.Select(box => box.Run!).ToList();

        Assert.Equal(["обычный", "курсив", "жирный", "сло", "во"], runs.Select(run => run.Text));
        Assert.Equal(SKFontStyleSlant.Upright, runs[0].Face.Typeface.FontStyle.Slant);
        Assert.NotEqual(SKFontStyleSlant.Upright, runs[1].Face.Typeface.FontStyle.Slant);
        Assert.True(runs[2].Face.Typeface.FontStyle.Weight >= 700);
        Assert.Equal(runs[1].Face.Measure("курсив", Size), boxes[1].Width, 6);
        Assert.NotEqual(runs[0].Face.Measure("курсив", Size), boxes[1].Width, 3);

        // "сло" and "во" touch: no glue between them, so the word cannot break there.
        var index = items.FindIndex(item => item is Box { Run.Text: "сло" });
        Assert.IsType<Box>(items[index + 1]);
    }

    [Fact]
    public void Hard_line_break_ends_a_line_and_soft_break_is_a_space()
    {
        var content = Content(new Text("Москва"), new LineBreak(Hard: true), new Text("2025 год"), new LineBreak(Hard: false), new Text("издание"));

        var (items, lines) = Set(content, 300);

        Assert.Equal(["Москва", "2025 год издание"], lines.Select(line => LineText(items, line)));
    }

    [Fact]
    public void Superscripts_are_small_and_raised()
    {
        var (items, _) = Set(Content(new Text("сноска"), new FootnoteReference("12")), 300);

        var reference = items.OfType<Box>().Single(box => box.Run!.Text == "12").Run!;
        Assert.True(reference.Size < Size * 0.7);
        Assert.True(reference.Rise > 0);
    }

    private static ValueList<Inline> Content(params Inline[] inlines) => ValueList<Inline>.Of(inlines);

    private (List<LineItem> Items, IReadOnlyList<LineSpan> Lines) Set(ValueList<Inline> content, double measure, double indent = 0)
    {
        var style = new ParagraphStyle(fonts.Family("PT Serif"), FontVariant.Regular, Size, indent);
        var items = ParagraphBuilder.Build(content, style, measure);
        return (items, breaker.Break(items, measure));
    }

    private static double Width(List<LineItem> items, LineSpan line) =>
        LineSetter.Place(items, line, double.MaxValue, TextAlign.Left).Width;

    /// <summary>The line's text with a space for each glue, as a reader would see it.</summary>
    private static string LineText(List<LineItem> items, LineSpan line) =>
        string.Concat(items.Skip(line.Start).Take(line.End - line.Start).Select(item => item switch
        {
            Box { Run: { } run } => run.Text,
            Glue { Width: > 0 } => " ",
            _ => "",
        }));
}
