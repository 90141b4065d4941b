using Typeset.Configuration;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Review;

/// <summary>A scratch copy of the sample project: input/ with the OCR'd sample, the repository's pipeline.json and dictionaries/.</summary>
public sealed class ReviewProject : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public ReviewProject(params string[] stages)
    {
        var input = Directory.CreateDirectory(scratch.File("input")).FullName;
        File.Copy(TestPaths.SampleMarkdown, Path.Combine(input, "razgrom-yaponii.ocr.md"));
        File.Copy(TestPaths.RepositoryConfig, scratch.File("pipeline.json"));
        var dictionaries = Directory.CreateDirectory(scratch.File("dictionaries")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "dictionaries"), "*.tsv"))
        {
            File.Copy(file, Path.Combine(dictionaries, Path.GetFileName(file)));
        }

        var config = PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);
        Config = stages.Length == 0 ? config : config with { Stages = config.Stages.Where(s => stages.Contains(s.Name)).ToList() };
    }

    public PipelineConfig Config { get; }

    public string Folder => scratch.Path;

    public RunSummary Run() => new PipelineRunner(Config, new SilentObserver()).Run(new RunOptions());

    public void Dispose() => scratch.Dispose();
}
