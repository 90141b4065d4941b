using Typeset.IO;
using Typeset.Tests.Support;

namespace Typeset.Tests.IO;

public class OutputPathsTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void An_output_equal_to_an_input_by_any_spelling_is_refused()
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        var book = Path.Combine(input, "book.md");
        File.WriteAllText(book, "Текст.");

        Assert.NotNull(OutputPaths.Refusal(Path.Combine(scratch.Path, "input", "..", "input", "book.md"), [book], []));
        Assert.Null(OutputPaths.Refusal(scratch.File("out/book.pdf"), [], [input]));
        Assert.Contains("is inside the input folder", OutputPaths.Refusal(Path.Combine(input, "new", "book.pdf"), [], [input]));
    }

    [Fact]
    public void A_symbolic_link_into_the_input_is_the_input()
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        var book = Path.Combine(input, "book.md");
        File.WriteAllText(book, "Текст.");
        Directory.CreateSymbolicLink(scratch.File("alias"), input);
        File.CreateSymbolicLink(scratch.File("book-link.md"), book);

        Assert.NotNull(OutputPaths.Refusal(scratch.File("alias/book.pdf"), [], [input]));
        Assert.NotNull(OutputPaths.Refusal(scratch.File("book-link.md"), [book], []));
        Assert.Null(OutputPaths.Refusal(scratch.File("output/book.pdf"), [book], [input]));
    }

    [Fact]
    public void A_folder_is_not_inside_a_sibling_whose_name_it_starts_with()
    {
        Assert.False(OutputPaths.IsSameOrInside(scratch.File("input-out"), scratch.File("input")));
        Assert.True(OutputPaths.IsSameOrInside(scratch.File("input/"), scratch.File("input")));
    }
}
