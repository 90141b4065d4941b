using Typeset.Configuration;
using Typeset.Diagnostics;
using Typeset.Edits;
using Typeset.Morphology;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Morphology;

public class MorphologyLocationTests
{
    [Fact]
    public void Pipeline_json_names_the_folder_relative_to_itself()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.File("pipeline.json"), """
            { "book": { "title": "Т" }, "paths": { "morphology": "deps/dicts" }, "stages": [ { "name": "typography" } ] }
            """);

        var config = PipelineConfigLoader.Load(scratch.File("pipeline.json"), StageCatalog.OptionShapes);

        Assert.Equal(Path.Combine(scratch.Path, "deps", "dicts"), config.Paths.Morphology);
        Assert.Equal((Path.Combine(scratch.Path, "deps", "dicts"), "paths.morphology in pipeline.json"), MorphologyLocation.Resolve(config.Paths.Morphology));
    }

    [Fact]
    public void Without_a_setting_the_default_is_where_the_prerequisites_install_az()
    {
        Assert.Null(PipelineConfigLoader.Load(TestPaths.RepositoryConfig, StageCatalog.OptionShapes).Paths.Morphology);
        Assert.EndsWith(Path.Combine("typeset", "az-0.2.3", "node_modules", "az", "dicts"), MorphologyLocation.Default);
        Assert.True(File.Exists(Path.Combine(MorphologyData.Folder, "words.dawg")), $"{MorphologyData.Folder}: run ./test, which installs it");
    }

    [Fact]
    public void A_stage_asking_for_missing_morphology_fails_with_one_line_naming_the_folder()
    {
        using var scratch = new ScratchFolder();
        var config = TestContexts.Config(scratch.Path);
        config = config with { Paths = config.Paths with { Morphology = scratch.File("nowhere") } };
        using var context = new StageContext(config, NoDecisions.Instance, new SilentObserver());

        var error = Assert.Throws<UsageException>(() => context.Morphology);

        Assert.StartsWith(scratch.File("nowhere") + ": folder not found", error.Message);
        Assert.Contains("npm install", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_stage_gets_the_shared_analyzer()
    {
        using var scratch = new ScratchFolder();
        using var context = new StageContext(TestContexts.Config(scratch.Path), NoDecisions.Instance, new SilentObserver());

        Assert.Same(MorphologyData.Analyzer, context.Morphology);
    }

    [Fact]
    public void Doctor_reports_the_dictionary_or_how_to_install_it()
    {
        var found = Doctor.CheckMorphology(null);
        Assert.True(found.Ok, found.Detail);
        Assert.Contains("OpenCorpora", found.Detail);

        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        File.WriteAllBytes(scratch.File("words.dawg"), [1, 2, 3]);
        var damaged = Doctor.CheckMorphology(scratch.Path);
        Assert.False(damaged.Ok);
        Assert.StartsWith(scratch.File("words.dawg") + ": truncated DAWG", damaged.Detail);
        Assert.Contains("npm install", damaged.Fix);
        Assert.True(damaged.Required);
    }
}
