using System.Globalization;
using System.Text;
using Typeset.Model;
using Typeset.Review;
using Typeset.Tests.Support;

namespace Typeset.Tests.Review;

public class ScanWordsTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>A page of three lines of words, 40 px high each line, 20 px apart, laid out left to right; returns the folder.</summary>
    private ScanWords Page(params string[] lines)
    {
        var json = new StringBuilder("{\"page\":1,\"width\":1700,\"height\":2500,\"blocks\":[{\"lines\":[");
        for (var l = 0; l < lines.Length; l++)
        {
            var y = 200 + l * 60;
            var x = 200;
            var words = new List<string>();
            foreach (var word in lines[l].Split(' '))
            {
                var width = word.Length * 20;
                words.Add(string.Create(CultureInfo.InvariantCulture, $"{{\"text\":\"{word}\",\"box\":{{\"x\":{x},\"y\":{y},\"width\":{width},\"height\":40}}}}"));
                x += width + 15;
            }

            json.Append(l > 0 ? "," : "").Append(CultureInfo.InvariantCulture, $"{{\"box\":{{\"x\":200,\"y\":{y},\"width\":{x - 215},\"height\":40}},\"words\":[{string.Join(",", words)}]}}");
        }

        json.Append("]}]}");
        File.WriteAllText(scratch.File("page-0001.json"), json.ToString());
        return new ScanWords(scratch.Path);
    }

    private static readonly SourceRef WholePage = new(1);

    [Fact]
    public void The_words_of_a_change_are_found_among_the_pages_words_and_cropped_with_the_lines_around()
    {
        var words = Page("Советское командование готовило", "наступление на широком фронте от", "Хингана до самого моря.");

        var crop = words.Locate([WholePage], "готовило наступление на ", "широком", " фронте от Хингана");

        Assert.NotNull(crop);
        var mark = Assert.Single(crop.Marks);
        Assert.Equal((200 + 11 * 20 + 15 + 2 * 20 + 15, 260), (mark.X, mark.Y));
        Assert.True(crop.Y <= 200 && crop.Y + crop.Height >= 360, "the line above and the line below are in the crop");
    }

    [Fact]
    public void A_hyphenation_cleanup_joined_still_finds_both_halves_and_a_changed_space_marks_its_neighbours()
    {
        var words = Page("Этот го-", "сударственный аппарат в 1932 г. создан.");

        var joined = words.Locate([WholePage], "Этот ", "го-\nсударственный", " аппарат в 1932");
        var space = words.Locate([WholePage], "аппарат в 1932", " ", "г. создан.");

        Assert.Equal(2, joined!.Marks.Count);
        Assert.Equal([260, 260], space!.Marks.Select(m => m.Y));
        Assert.Equal(2, space.Marks.Count);
    }

    [Fact]
    public void Words_not_on_the_page_give_no_crop_and_a_missing_sidecar_is_no_error()
    {
        var words = Page("Советское командование готовило наступление");

        Assert.Null(words.Locate([WholePage], "совсем ", "другие", " слова здесь"));
        Assert.Null(words.Locate([new SourceRef(7)], "Советское ", "командование", " готовило"));
    }
}
