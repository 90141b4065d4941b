using Typeset.Model;
using Typeset.Publishing.Hyphenation;
using Typeset.Publishing.Layout;

namespace Typeset.Tests.Publishing.Layout;

public sealed class KnuthPlassLineBreakerTests : IDisposable
{
    private const double Size = 10.5;

    private const string Sample =
        "Советский Союз всего за две недели сокрушил Квантунскую армию, главное и наиболее боеспособное соединение японских " +
        "вооружённых сил. Маньчжурская стратегическая наступательная операция является одной из самых успешных операций " +
        "в истории военных конфликтов. Разгром миллионной ударной группировки принудил Японию к безоговорочной капитуляции, " +
        "поставив точку во Второй мировой войне. Автор подробно описывает ход операции от стратегических планов " +
        "командования до прорыва укреплённых районов и продвижения в глубь Маньчжурии, советско-японская граница.";

    private readonly FontLibrary fonts = new(FontResolver.System);
    private readonly KnuthPlassLineBreaker breaker = new();

    public void Dispose() => fonts.Dispose();

    [Theory]
    [InlineData(312)]
    [InlineData(250)]
    [InlineData(180)]
    [InlineData(140)]
    public void Every_line_is_within_tolerance_and_none_is_overfull(double measure)
    {
        var (items, lines) = Set(Sample, measure);

        // Badness within tolerance, counting the emergency stretch a paragraph may need in the third pass.
        var maxRatio = Math.Cbrt(breaker.Options.Tolerance / 100);
        foreach (var line in lines.SkipLast(1))
        {
            Assert.False(line.IsOverfull);
            var stretch = Enumerable.Range(line.Start, line.End - line.Start).Select(i => items[i]).OfType<Glue>().Sum(glue => glue.Stretch);
            Assert.InRange(line.Ratio, -1, maxRatio * (stretch + breaker.Options.EmergencyStretch) / stretch + 1e-9);
            Assert.Equal(measure, SetWidth(items, line), 0.01);
        }

        Assert.True(lines[^1].Ratio is >= -1 and <= 0, $"last line ratio {lines[^1].Ratio} of {lines.Count}: {string.Join(", ", lines)}");
    }

    [Theory]
    [InlineData(140)]
    [InlineData(100)]
    [InlineData(80)]
    public void Never_more_than_two_hyphenated_lines_in_a_row_and_each_shows_a_real_hyphen(double measure)
    {
        var (items, lines) = Set(Sample, measure);

        var run = 0;
        foreach (var line in lines)
        {
            run = line.EndsHyphenated(items) ? run + 1 : 0;
            Assert.True(run <= 2, "three hyphenated lines in a row");
            var placed = LineSetter.Place(items, line, measure, TextAlign.Justify);
            var text = string.Concat(placed.Runs.Select(r => r.Run.Text));
            if (line.End < items.Count && items[line.End] is Penalty { Hyphen: not null })
            {
                Assert.EndsWith("-", text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(lines, line => line.EndsHyphenated(items));
    }

    [Fact]
    public void Hyphens_stay_at_least_two_letters_from_each_word_end()
    {
        var (items, lines) = Set(Sample, 90);

        foreach (var line in lines.Where(line => line.End < items.Count && items[line.End] is Penalty { Hyphen: not null }))
        {
            var before = ((Box)items[line.End - 1]).Run!.Text;
            var after = ((Box)items[line.End + 1]).Run!.Text;
            var wordStart = string.Concat(items.Take(line.End).Reverse().TakeWhile(item => item is not Glue).OfType<Box>().Reverse().Select(b => b.Run!.Text));
            var wordEnd = string.Concat(items.Skip(line.End + 1).TakeWhile(item => item is not Glue).OfType<Box>().Select(b => b.Run!.Text));
            Assert.True(wordStart.Count(char.IsLetter) >= 2, $"«{wordStart}-» ({before})");
            Assert.True(wordEnd.Count(char.IsLetter) >= 2, $"«-{wordEnd}» ({after})");
        }
    }

    [Fact]
    public void A_paragraph_that_fits_without_hyphenation_is_not_hyphenated()
    {
        // The first pass (pretolerance) does not look at hyphenation points at all.
        var (items, lines) = Set("Короткий абзац в одну строку.", 312);

        Assert.Single(lines);
        Assert.False(lines[0].EndsHyphenated(items));
    }

    [Fact]
    public void Total_fit_moves_a_word_down_rather_than_leave_a_loose_line()
    {
        // First fit packs four words on line one and must stretch line two by 11 times its stretch; total fit
        // moves the fourth word down and no line stretches more than 2.7 times.
        var items = new List<LineItem>();
        foreach (var width in new[] { 29.0, 13, 30, 16, 34, 26, 41, 25 })
        {
            if (items.Count > 0)
            {
                items.Add(new Glue(6, 3, 2));
            }

            items.Add(new Box(width));
        }

        items.Add(Glue.Fill);
        items.Add(Penalty.ForcedBreak);

        var total = breaker.Break(items, 100);
        var greedy = new GreedyLineBreaker().Break(items, 100);

        var worstTotal = total.SkipLast(1).Max(line => Math.Abs(line.Ratio));
        var worstGreedy = greedy.SkipLast(1).Max(line => Math.Abs(line.Ratio));
        Assert.True(worstGreedy > 11, $"first fit worst {worstGreedy:F2}");
        Assert.True(worstTotal < 2.7, $"total fit worst {worstTotal:F2}");
        Assert.Equal([3, 3], total.SkipLast(1).Select(line => Enumerable.Range(line.Start, line.End - line.Start).Count(i => items[i] is Box)));
    }

    [Fact]
    public void A_box_wider_than_the_measure_is_set_overfull_in_the_last_pass_instead_of_failing()
    {
        List<LineItem> items = [new Box(50), new Glue(5, 2, 1), new Box(500), new Glue(5, 2, 1), new Box(50), Glue.Fill, Penalty.ForcedBreak];

        var lines = breaker.Break(items, 200);

        Assert.Contains(lines, line => line.IsOverfull);
        Assert.Equal(items.Count - 1, lines[^1].End);
    }

    [Fact]
    public void A_compound_word_broken_at_its_hyphen_repeats_the_hyphen_on_the_next_line()
    {
        const string compound = "советско-японская";
        for (var measure = 60.0; measure <= 200; measure += 3)
        {
            var (items, lines) = Set($"Граница {compound} война {compound} договор {compound} отношения.", measure, hyphenate: false);
            var texts = lines.Select(line => string.Concat(LineSetter.Place(items, line, measure, TextAlign.Justify).Runs.Select(r => r.Run.Text))).ToList();
            for (var k = 0; k < texts.Count - 1; k++)
            {
                if (texts[k].EndsWith("советско-", StringComparison.Ordinal))
                {
                    Assert.StartsWith("-японская", texts[k + 1], StringComparison.Ordinal);
                    Assert.True(SetWidth(items, lines[k + 1]) <= measure + 0.01);
                    return;
                }
            }
        }

        Assert.Fail("no measure broke the compound at its hyphen");
    }

    [Fact]
    public void Soft_hyphens_are_break_points_and_never_drawn()
    {
        var word = "сверх\u00ADдлин\u00ADное";
        var (items, lines) = Set($"{word} {word} {word} {word} {word} {word}", 75, hyphenate: false);

        var texts = lines.Select(line => string.Concat(LineSetter.Place(items, line, 75, TextAlign.Justify).Runs.Select(r => r.Run.Text))).ToList();
        Assert.All(texts, text => Assert.DoesNotContain("\u00AD", text, StringComparison.Ordinal));
        Assert.Contains(texts, text => text.EndsWith("-", StringComparison.Ordinal));
    }

    private (List<LineItem> Items, IReadOnlyList<LineSpan> Lines) Set(string text, double measure, bool hyphenate = true)
    {
        var style = new ParagraphStyle(fonts.Family("PT Serif"), FontVariant.Regular, Size, 15);
        var hyphenation = hyphenate ? new WordHyphenation(LiangHyphenator.LoadRussian()) : null;
        var items = ParagraphBuilder.Build(ValueList<Inline>.Of(new Text(text)), style, measure, hyphenation);
        return (items, breaker.Break(items, measure));
    }

    private static double SetWidth(IReadOnlyList<LineItem> items, LineSpan line)
    {
        var width = 0.0;
        for (var i = line.Start; i < line.End; i++)
        {
            width += items[i] switch
            {
                Box box => box.Width,
                Glue glue => glue.Adjusted(line.Ratio),
                _ => 0,
            };
        }

        var lead = line.Start > 0 && items[line.Start - 1] is Penalty before ? before.PostBreakWidth : 0;
        return lead + width + (line.End < items.Count && items[line.End] is Penalty penalty ? penalty.Width : 0);
    }
}
