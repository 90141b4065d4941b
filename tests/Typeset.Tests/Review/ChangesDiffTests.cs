using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Review;
using Typeset.Tests.Support;

namespace Typeset.Tests.Review;

public class ChangesDiffTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private static Book Read(string markdown) => MarkdownReader.Read(markdown, new BookMeta("К"));

    /// <summary>Applies the diff with patch(1) to the raw page texts and checks it gives the final ones.</summary>
    private void AssertPatchTurnsRawIntoFinal(Book raw, Book final, string diff)
    {
        var folder = Directory.CreateDirectory(scratch.File("pages")).FullName;
        foreach (var (name, text) in ChangesDiff.PageTexts(raw))
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        File.WriteAllText(scratch.File("changes.diff"), diff);
        ExternalTool.Run("patch", "--batch", "-p1", "-d", folder, "-i", scratch.File("changes.diff"));

        foreach (var (name, text) in ChangesDiff.PageTexts(final))
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(folder, name)));
        }
    }

    [Fact]
    public void One_section_per_changed_page_that_patch_applies()
    {
        var lines = Enumerable.Range(1, 12).Select(i => $"Абзац номер {i}.").ToList();
        var raw = Read("<!-- page 1 -->\n\n" + string.Join("\n\n", lines) + "\n\n<!-- page 2 -->\n\nВторая страни-\nца без правок.\n\n<!-- page 3 -->\n\nТретья го-\nсударственная.");
        var edits = new[]
        {
            new Edit("dehyphenate", "dehyphenate.join", "p0001.b02", 0, "Абзац", "Параграф", 0.99, "test"),
            new Edit("dehyphenate", "dehyphenate.join", "p0001.b12", 0, "Абзац", "Параграф", 0.99, "test"),
            new Edit("dehyphenate", "dehyphenate.join", "p0003.b02", 7, "го-\nсударственная", "государственная", 0.99, "test"),
        };
        var (final, records) = EditApplier.Apply(raw, edits, 0.9, NoDecisions.Instance);
        Assert.All(records, r => Assert.Equal(EditStatus.Applied, r.Status));

        var diff = ChangesDiff.Write(raw, final);

        Assert.Contains("--- raw/page-0001\n+++ final/page-0001\n", diff);
        Assert.Contains("--- raw/page-0003\n+++ final/page-0003\n", diff);
        Assert.DoesNotContain("page-0002", diff);
        // Page 1's two changes are ten lines apart: two hunks there, one on page 3.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(diff, "^@@ ", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains("-Третья го-\n-сударственная.\n+Третья государственная.\n", diff);
        AssertPatchTurnsRawIntoFinal(raw, final, diff);
    }

    [Fact]
    public void Without_page_markers_the_whole_book_is_one_section()
    {
        var raw = Read("Первый абзац\n\nпродолжается здесь.");
        var join = new Edit("join", "join.page-break", "b0001", 12, "\n\n", " ", 0.97, "test", JoinedBlockId: "b0002");
        var (final, _) = EditApplier.Apply(raw, [join], 0.9, NoDecisions.Instance);

        var diff = ChangesDiff.Write(raw, final);

        Assert.StartsWith("--- raw/book\n+++ final/book\n@@ -1,3 +1 @@\n", diff);
        AssertPatchTurnsRawIntoFinal(raw, final, diff);
    }

    [Fact]
    public void No_change_gives_an_empty_diff()
    {
        var book = Read("<!-- page 4 -->\n\nТекст.");

        Assert.Equal(string.Empty, ChangesDiff.Write(book, book));
    }
}
