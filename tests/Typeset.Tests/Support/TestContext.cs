using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Pipeline;

namespace Typeset.Tests.Support;

public static class TestContexts
{
    /// <summary>Defaults rooted at <paramref name="folder"/>, with the repository's dictionaries (they are the project's data).</summary>
    public static PipelineConfig Config(string folder)
    {
        var config = PipelineConfigLoader.Defaults(folder, "Тестовая книга", StageCatalog.All.Select(s => s.Name));
        return config with { Paths = config.Paths with { Dictionaries = Path.Combine(TestPaths.RepositoryRoot, "dictionaries") } };
    }

    /// <summary>A context for running one stage directly, with default options.</summary>
    public static StageContext ForStage(string stage, string? folder = null)
    {
        var config = Config(folder ?? Path.GetTempPath());
        var context = new StageContext(config, NoDecisions.Instance, new SilentObserver());
        context.Stage = config.Stages.Single(s => s.Name == stage);
        return context;
    }
}
