using Typeset.Configuration;
using Typeset.Diagnostics;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Diagnostics;

public class DoctorTests
{
    private static PipelineConfig RepositoryConfig() => PipelineConfigLoader.Load(TestPaths.RepositoryConfig, StageCatalog.OptionShapes);

    [Fact]
    public void On_a_prepared_machine_everything_required_is_found()
    {
        var findings = Doctor.Examine(RepositoryConfig, family => family.StartsWith("PT ", StringComparison.Ordinal) ? "/fonts/" + family : null);

        Assert.All(findings.Where(f => f.Required), f => Assert.True(f.Ok, $"{f.Check}: {f.Detail}"));
        Assert.Contains(findings, f => f.Check == "hunspell ru_RU" && f.Ok);
        Assert.Contains(findings, f => f.Check == "libtesseract 5" && f.Ok);
    }

    [Fact]
    public void A_missing_font_and_a_broken_config_are_reported_with_a_fix()
    {
        var findings = Doctor.Examine(() => throw new ConfigException("pipeline.json: $.book: missing"), _ => null);

        var config = Assert.Single(findings, f => f.Check == "pipeline.json");
        Assert.False(config.Ok);
        var font = Assert.Single(findings, f => f.Check == "font PT Serif");
        Assert.False(font.Ok);
        Assert.Contains("fonts-paratype", font.Fix);
    }
}
