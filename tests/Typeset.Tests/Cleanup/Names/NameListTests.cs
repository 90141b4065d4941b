using Typeset.Cleanup.Names;
using Typeset.Tests.Support;

namespace Typeset.Tests.Cleanup.Names;

public class NameListTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void The_editors_spelling_in_a_later_list_wins_over_the_shipped_one()
    {
        File.WriteAllText(scratch.File("names.tsv"), "Гоминьдан\tГоминдан\nФэнтянь\tФэньтянь\n");
        File.WriteAllText(scratch.File("user-names.tsv"), "Гоминдан\tГоминьдана\n");

        var list = NameList.Load([scratch.File("names.tsv"), scratch.File("user-names.tsv"), scratch.File("absent.tsv")]);

        Assert.Equal("Гоминдан", list.CanonicalByVariant["Гоминьдана"]);
        Assert.False(list.CanonicalByVariant.ContainsKey("Гоминдан"));
        Assert.Contains("Гоминдан", list.Canonical);
        Assert.DoesNotContain("Гоминьдан", list.Canonical);
        Assert.Equal("Фэнтянь", list.CanonicalByVariant["Фэньтянь"]);
    }
}
