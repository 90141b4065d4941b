using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Pipeline;

namespace Typeset.Tests.Support;

public static class TestContexts
{
    public static PipelineConfig Config(string folder) =>
        PipelineConfigLoader.Defaults(folder, "Тестовая книга", StageCatalog.All.Select(s => s.Name));

    /// <summary>A context for running one stage directly, with default options.</summary>
    public static StageContext ForStage(string stage, string? folder = null)
    {
        var config = Config(folder ?? Path.GetTempPath());
        var context = new StageContext(config, NoDecisions.Instance, new SilentObserver());
        context.Stage = config.Stages.Single(s => s.Name == stage);
        return context;
    }
}
