using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Layout;

public class GreedyLineBreakerTests
{
    private readonly GreedyLineBreaker breaker = new();

    [Fact]
    public void Lines_never_exceed_the_measure_and_justified_lines_fill_it_exactly()
    {
        var widths = new[] { 12.3, 7.1, 20.4, 3.3, 15.0, 9.9, 11.2, 4.4, 18.8, 6.6, 13.7, 8.2, 16.1, 5.5, 10.0, 14.4 };
        var items = new List<LineItem>();
        foreach (var width in widths)
        {
            if (items.Count > 0)
            {
                items.Add(new Glue(3, 1.5, 1));
            }

            items.Add(new Box(width));
        }

        items.Add(Glue.Fill);
        items.Add(Penalty.ForcedBreak);

        const double measure = 50;
        var lines = breaker.Break(items, measure);

        Assert.True(lines.Count > 3);
        Assert.Equal(widths.Length, lines.Sum(line => CountBoxes(items, line)));
        foreach (var line in lines)
        {
            Assert.True(SetWidth(items, line) <= measure + 0.01, $"line {line} is {SetWidth(items, line)} wide");
        }

        foreach (var line in lines.SkipLast(1))
        {
            Assert.Equal(measure, SetWidth(items, line), 0.01);
        }

        Assert.Equal(0, lines[^1].Ratio);
    }

    [Fact]
    public void A_box_wider_than_the_measure_stands_alone_on_its_line()
    {
        List<LineItem> items = [new Box(10), new Glue(3, 1.5, 1), new Box(80), new Glue(3, 1.5, 1), new Box(10), Glue.Fill, Penalty.ForcedBreak];

        var lines = breaker.Break(items, 50);

        Assert.Equal(3, lines.Count);
        Assert.Equal(1, CountBoxes(items, lines[1]));
        Assert.Equal(80, SetWidth(items, lines[1]), 0.01);
    }

    [Fact]
    public void Glue_behind_a_forbidding_penalty_is_never_a_break()
    {
        // Three words where only the no-break space could make the first line fit.
        List<LineItem> items =
        [
            new Box(20), Penalty.NoBreak, new Glue(3, 1.5, 1), new Box(20), new Glue(3, 1.5, 1), new Box(20),
            Glue.Fill, Penalty.ForcedBreak,
        ];

        var lines = breaker.Break(items, 30);

        Assert.Equal(2, lines.Count);
        Assert.Equal(2, CountBoxes(items, lines[0]));
    }

    [Fact]
    public void A_forced_break_ends_the_line_with_natural_spacing()
    {
        List<LineItem> items =
        [
            new Box(10), new Glue(3, 1.5, 1), new Box(10), Glue.Fill, Penalty.ForcedBreak,
            new Box(10), new Glue(3, 1.5, 1), new Box(10), Glue.Fill, Penalty.ForcedBreak,
        ];

        var lines = breaker.Break(items, 100);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(0, line.Ratio));
        Assert.Equal(23, SetWidth(items, lines[0]), 0.01);
    }

    [Fact]
    public void Lines_shrink_their_glue_when_that_makes_the_next_box_fit()
    {
        List<LineItem> items = [new Box(24), new Glue(4, 2, 2), new Box(24), new Glue(4, 2, 2), new Box(10), Glue.Fill, Penalty.ForcedBreak];

        var lines = breaker.Break(items, 51);

        Assert.Equal(2, CountBoxes(items, lines[0]));
        Assert.True(lines[0].Ratio < 0);
        Assert.Equal(51, SetWidth(items, lines[0]), 0.01);
    }

    private static int CountBoxes(IReadOnlyList<LineItem> items, LineSpan line) =>
        Enumerable.Range(line.Start, line.End - line.Start).Count(i => items[i] is Box);

    private static double SetWidth(IReadOnlyList<LineItem> items, LineSpan line) =>
        Enumerable.Range(line.Start, line.End - line.Start).Sum(i => items[i] switch
        {
            Glue glue => glue.Adjusted(line.Ratio),
            Penalty => 0,
            var item => item.Width,
        });
}
