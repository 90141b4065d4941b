using Typeset.Configuration;
using Typeset.Pipeline;
using Typeset.Review;
using Typeset.Tests.Support;

namespace Typeset.Tests.Review;

public class UserWordsTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Words_are_added_once_and_comments_and_blank_lines_are_ignored()
    {
        var path = scratch.File("dictionaries/user-words.txt");
        Directory.CreateDirectory(scratch.File("dictionaries"));
        File.WriteAllText(path, "# the editor's words\n\nХинган");

        Assert.True(UserWords.Add(path, "Цицикар"));
        Assert.False(UserWords.Add(path, "Хинган"));

        Assert.Equal(["Хинган", "Цицикар"], UserWords.Read(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("два слова")]
    [InlineData("#comment")]
    [InlineData("12345")]
    public void Only_single_words_can_be_added(string word)
    {
        Assert.NotNull(UserWords.Problem(word));
        Assert.Throws<ArgumentException>(() => UserWords.Add(scratch.File("user-words.txt"), word));
    }

    [Fact]
    public void The_runs_spelling_dictionary_knows_the_user_words()
    {
        var config = WithDictionaries(scratch.File("dictionaries"));
        UserWords.Add(UserWords.PathIn(config.Paths.Dictionaries), "отказлся");

        using var context = new StageContext(config, EditorDecisions.None, new SilentObserver());
        using var plain = new StageContext(WithDictionaries(scratch.File("elsewhere")), EditorDecisions.None, new SilentObserver());

        Assert.True(context.Hunspell.Spell("отказлся"));
        Assert.False(plain.Hunspell.Spell("отказлся"));
    }

    /// <summary>Scratch dictionaries: the repository's own folder must never receive a test's words.</summary>
    private PipelineConfig WithDictionaries(string folder)
    {
        var config = TestContexts.Config(scratch.Path);
        return config with { Paths = config.Paths with { Dictionaries = folder } };
    }
}
