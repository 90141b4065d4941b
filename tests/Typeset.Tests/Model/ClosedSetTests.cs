using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Tests.Support;

namespace Typeset.Tests.Model;

/// <summary>
/// The closed sets of blocks and inlines are enforced: the fixture book must hold every kind the model has (a new kind
/// fails here until it is added), and every consumer — reader, writer, walk, edit applier — handles each of them.
/// Cleanup, PDF and EPUB run on the same fixture in their own tests (EveryKindBookTests).
/// </summary>
public class ClosedSetTests
{
    private static readonly Book Fixture = MarkdownReader.Read(File.ReadAllText(TestPaths.EveryKindBook), new BookMeta("Хлеб насущный"));

    public static TheoryData<Type> BlockKinds => Kinds(typeof(Block));

    public static TheoryData<Type> InlineKinds => Kinds(typeof(Inline));

    private static TheoryData<Type> Kinds(Type root)
    {
        var data = new TheoryData<Type>();
        foreach (var type in root.Assembly.GetTypes().Where(t => t.IsSubclassOf(root) && !t.IsAbstract).OrderBy(t => t.Name))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BlockKinds))]
    public void The_fixture_book_holds_every_kind_of_block(Type kind)
    {
        Assert.Contains(BookWalk.Blocks(Fixture), visit => visit.Block.GetType() == kind);
    }

    [Theory]
    [MemberData(nameof(InlineKinds))]
    public void The_fixture_book_holds_every_kind_of_inline(Type kind)
    {
        var inlines = BookWalk.TextParts(Fixture).SelectMany(part => BookWalk.InlineDescendants(part.Content));
        Assert.Contains(inlines, inline => inline.GetType() == kind);
    }

    [Fact]
    public void Every_kind_survives_a_markdown_round_trip()
    {
        var written = MarkdownWriter.Write(Fixture);
        var reread = MarkdownReader.Read(written, Fixture.Meta);

        Assert.Equal(Fixture.Blocks.Count, reread.Blocks.Count);
        for (var i = 0; i < Fixture.Blocks.Count; i++)
        {
            Assert.Equal(Fixture.Blocks[i], reread.Blocks[i]);
        }

        Assert.Equal(written, MarkdownWriter.Write(reread));
    }

    [Fact]
    public void Every_block_is_one_block_when_written_alone_and_read_back_under_its_id()
    {
        foreach (var block in Fixture.Blocks)
        {
            var reread = MarkdownReader.ReadBlock(MarkdownWriter.WriteBlock(block), block.Id, block.Source);
            Assert.Equal(block, reread);
        }
    }

    [Fact]
    public void The_edit_applier_reaches_every_text_part_at_any_depth()
    {
        var parts = BookWalk.TextParts(Fixture).Where(part => MarkdownWriter.SourceText(part).Length > 0).ToList();
        var edits = parts.Select(part => new Edit("test", "test.mark", part.Id, 0, string.Empty, "§", 1, "marks every part")).ToList();

        var (edited, records) = EditApplier.Apply(Fixture, edits, 0.9, NoDecisions.Instance);

        Assert.All(records, record => Assert.Equal(EditStatus.Applied, record.Status));
        var after = BookWalk.TextParts(edited).Where(part => parts.Any(p => p.Id == part.Id)).ToList();
        Assert.Equal(parts.Count, after.Count);
        Assert.All(after, part => Assert.StartsWith("§", Inlines.PlainText(part.Content), StringComparison.Ordinal));
        // Structure is untouched: the same blocks of the same kinds, at every depth.
        Assert.Equal(BookWalk.Blocks(Fixture).Select(v => (v.Block.GetType(), v.Block.Id)), BookWalk.Blocks(edited).Select(v => (v.Block.GetType(), v.Block.Id)));
    }

    [Fact]
    public void Text_parts_have_unique_ids()
    {
        var ids = BookWalk.TextParts(Fixture).Select(part => part.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Footnote_references_are_walked_in_reading_order()
    {
        var labels = Fixture.Blocks.SelectMany(BookWalk.References).Select(r => r.Label).ToList();
        Assert.Equal(["1", "2", "3"], labels);
    }
}
