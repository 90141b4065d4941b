using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Pipeline;

namespace Typeset.Tests.Support;

public static class TestContexts
{
    /// <summary>
    /// Every stage but recognition (the book starts from Markdown, as the CLI's defaults do), rooted at
    /// <paramref name="folder"/>, with the repository's dictionaries (they are the project's data).
    /// </summary>
    public static PipelineConfig Config(string folder) =>
        WithRepositoryDictionaries(PipelineConfigLoader.Defaults(folder, "Тестовая книга", StageCatalog.All.Where(s => s.Kind != StageKind.Recognition).Select(s => s.Name)));

    /// <summary>Defaults with the ocr stage first, scans in input/scans.</summary>
    public static PipelineConfig OcrConfig(string folder, params string[] stages) =>
        WithRepositoryDictionaries(PipelineConfigLoader.Defaults(folder, "Тестовая книга", ["ocr", .. stages]));

    private static PipelineConfig WithRepositoryDictionaries(PipelineConfig config) =>
        config with { Paths = config.Paths with { Dictionaries = Path.Combine(TestPaths.RepositoryRoot, "dictionaries") } };

    /// <summary>A context for running one stage directly, with default options.</summary>
    public static StageContext ForStage(string stage, string? folder = null)
    {
        folder ??= Path.GetTempPath();
        var config = StageCatalog.Get(stage).Kind == StageKind.Recognition ? OcrConfig(folder) : Config(folder);
        var context = new StageContext(config, NoDecisions.Instance, new SilentObserver());
        context.Stage = config.Stages.Single(s => s.Name == stage);
        return context;
    }
}
