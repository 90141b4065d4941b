using Typeset.Cleanup.Spelling;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup.Spelling;

public class OcrErrorModelTests
{
    private static readonly OcrErrorModel Model = OcrErrorModel.Load(Path.Combine(TestPaths.RepositoryRoot, "dictionaries", "ocr-confusions.tsv"));

    [Theory]
    [InlineData("прнказ", "приказ", 0.4)]
    [InlineData("ещё", "еще", 0.1)]
    [InlineData("правительсво", "правительство", 0.5)]
    [InlineData("ввойну", "в войну", 0.3)]
    [InlineData("оттказ", "отказ", 0.3)]
    [InlineData("приказ", "приказ", 0)]
    public void Ocr_errors_cost_less_than_arbitrary_edits(string seen, string meant, double cost) =>
        Assert.Equal(cost, Model.Distance(seen, meant), 3);

    [Fact]
    public void An_invented_letter_costs_more_than_a_dropped_one()
    {
        Assert.True(Model.Distance("чжилийская", "чилийская") > Model.Distance("чилийская", "чжилийская"));
        Assert.Equal(1.0, Model.Distance("дом", "том"), 3);
    }

    [Fact]
    public void One_letter_read_as_two_costs_its_shape_one_way_only()
    {
        Assert.Equal(0.4, Model.Distance("хоропто", "хорошо"), 3);
        Assert.Equal(0.3, Model.Distance("мьі", "мы"), 3);
        Assert.True(Model.Distance("хорошо", "хоропто") >= 1.0);
    }

    [Fact]
    public void A_malformed_confusion_file_names_file_and_line()
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("ocr-confusions.tsv");
        File.WriteAllLines(path, ["# comment", "и\tн\t0.4", "ab\tc\tx"]);

        var error = Assert.Throws<FormatException>(() => OcrErrorModel.Load(path));

        Assert.StartsWith(path + ":3:", error.Message);
    }
}
