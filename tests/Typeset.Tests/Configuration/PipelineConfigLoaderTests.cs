using Typeset.Configuration;
using Typeset.Pipeline;
using Typeset.Tests.Support;

namespace Typeset.Tests.Configuration;

public class PipelineConfigLoaderTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private PipelineConfig Load(string json)
    {
        var path = scratch.File("pipeline.json");
        File.WriteAllText(path, json);
        return PipelineConfigLoader.Load(path, StageCatalog.OptionShapes);
    }

    private string Problem(string json) => Assert.Throws<ConfigException>(() => Load(json)).Message;

    private const string Minimal = """{ "book": { "title": "Книга" }, "stages": [ { "name": "join" } ] }""";

    [Fact]
    public void The_repository_pipeline_json_is_valid_and_complete()
    {
        var config = PipelineConfigLoader.Load(TestPaths.RepositoryConfig, StageCatalog.OptionShapes);

        Assert.Equal("Разгром Японии", config.Book.Title);
        Assert.Equal("ru", config.Book.Language);
        Assert.Equal(["frontmatter", "captions", "footnotes", "join", "dehyphenate", "names", "spelling", "editorial", "typography", "pdf", "epub"], config.Stages.Select(s => s.Name));
        Assert.Equal(145, config.Typesetting.PageWidthMm);
        Assert.Equal(215, config.Typesetting.PageHeightMm);
        Assert.Equal(Path.Combine(TestPaths.RepositoryRoot, "input"), config.Paths.Input);
    }

    [Theory]
    [InlineData("input", "input")]
    [InlineData("input", "input/out")]
    [InlineData("book", "book/./x/..")]
    [InlineData("input", "input/scans/out")]
    public void An_output_folder_in_the_input_is_refused_naming_the_key(string input, string output)
    {
        var problem = Problem($$"""{ "book": { "title": "К" }, "paths": { "input": "{{input}}", "output": "{{output}}" }, "stages": [ { "name": "join" } ] }""");

        Assert.StartsWith(scratch.File("pipeline.json") + ": $.paths.output: ", problem);
        Assert.Contains("never writes into its input", problem);
    }

    [Fact]
    public void An_output_folder_beside_the_input_is_fine()
    {
        var config = Load("""{ "book": { "title": "К" }, "paths": { "input": "input", "output": "input-out" }, "stages": [ { "name": "join" } ] }""");

        Assert.Equal(scratch.File("input-out"), config.Paths.Output);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_config_folder_and_defaults_fill_the_rest()
    {
        var config = Load(Minimal);

        Assert.Equal(Path.Combine(scratch.Path, "output"), config.Paths.Output);
        Assert.Equal(Path.Combine(scratch.Path, "input", "review-decisions.jsonl"), config.Paths.Decisions);
        Assert.Equal(10.5, config.Typesetting.FontSizePt);
    }

    [Fact]
    public void Stage_options_are_read()
    {
        var config = Load("""{ "book": { "title": "К" }, "stages": [ { "name": "join", "autoApply": 0.5 }, { "name": "epub", "splitLevel": 2 } ] }""");

        Assert.Equal(0.5, config.Stages[0].GetNumber("autoApply", 0.9));
        Assert.Equal(2, config.Stages[1].GetInteger("splitLevel", 1));
    }

    [Fact]
    public void Custom_trim_size_in_millimetres()
    {
        var config = Load("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf" } ], "typesetting": { "trimSize": "130x200" } }""");

        Assert.Equal((130.0, 200.0), (config.Typesetting.PageWidthMm, config.Typesetting.PageHeightMm));
    }

    [Fact]
    public void Print_and_layout_options_are_read_with_defaults_for_the_rest()
    {
        var config = Load("""
            { "book": { "title": "К" }, "stages": [ { "name": "pdf" } ],
              "typesetting": { "bleed": 3, "cropMarks": true, "chapterOnRecto": false, "hyphenate": false, "tolerance": 400, "toc": false } }
            """);

        var t = config.Typesetting;
        Assert.Equal((3.0, true, false, false, 400.0, false), (t.BleedMm, t.CropMarks, t.ChapterOnRecto, t.Hyphenate, t.Tolerance, t.Toc));
        Assert.Equal((true, true, true, 0.6, 300.0), (t.HyphenateCapitalized, t.RunningHeads, t.TitlePage, t.FigureMaxHeight, t.MinImageDpi));
    }

    [Theory]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "cropMarks": "yes" } }""", "$.typesetting.cropMarks: expected true or false")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "bleed": 20 } }""", "$.typesetting.bleed: expected a number from 0 to 10")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "figureMaxHeight": 2 } }""", "$.typesetting.figureMaxHeight: expected a number from 0.1 to 1")]
    [InlineData("""{ "book": { "title": "К", "titel": "x" }, "stages": [] }""", "$.book.titel: unknown key")]
    [InlineData("""{ "book": { "title": 5 }, "stages": [] }""", "$.book.title: expected a string, found the number 5")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [ { "name": "spellcheck" } ] }""", "$.stages[0].name: unknown stage \"spellcheck\"; expected one of: ocr, frontmatter, captions, footnotes, join, dehyphenate, names, spelling")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [ { "name": "join", "autoApply": 2 } ] }""", "$.stages[0].autoApply: expected a number from 0 to 1")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf", "autoApply": 0.5 } ] }""", "$.stages[0].autoApply: unknown option of stage \"pdf\"")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [ { "name": "join" }, { "name": "join" } ] }""", "$.stages[1].name: stage \"join\" is listed twice")]
    [InlineData("""{ "book": { "title": "К" }, "stages": {} }""", "$.stages: expected an array")]
    [InlineData("""{ "stages": [] }""", "$: missing required key \"book\"")]
    [InlineData("""{ "book": { "title": "К", "isbn": "978-5-9955-1261-6" }, "stages": [] }""", "$.book.isbn: ISBN \"978-5-9955-1261-6\" has a wrong check digit")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "trimSize": "A9" } }""", "$.typesetting.trimSize: unknown trim size \"A9\"")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "fontSize": "10" } }""", "$.typesetting.fontSize: expected a number from 5 to 30, found the string \"10\"")]
    [InlineData("""{ "book": { "title": "К" }, "stages": [], "typesetting": { "margins": { "left": 10 } } }""", "$.typesetting.margins.left: unknown key; expected one of: inner, outer, top, bottom")]
    public void Invalid_config_names_the_file_and_the_json_path(string json, string expected)
    {
        var message = Problem(json);

        Assert.StartsWith(scratch.File("pipeline.json") + ": ", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Malformed_json_names_line_and_column()
    {
        var message = Problem("{\n  \"book\": { \"title\": \"К\" },\n  \"stages\": [ { \"name\": \"join\" } \n}");

        Assert.Matches(@"pipeline\.json:4:\d+: invalid JSON", message);
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var path = scratch.File("absent.json");

        var message = Assert.Throws<ConfigException>(() => PipelineConfigLoader.Load(path, StageCatalog.OptionShapes)).Message;

        Assert.Equal($"{path}: file not found", message);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_tolerated()
    {
        var config = Load("""
            {
              // the book
              "book": { "title": "К", },
              "stages": [ { "name": "join" }, ],
            }
            """);

        Assert.Single(config.Stages);
    }

    [Fact]
    public void Configuration_that_cannot_make_a_book_is_refused_with_its_json_path()
    {
        Assert.Contains("$.typesetting.margins: inner 80 mm + outer 60 mm leave a text block 5 mm wide",
            Problem("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf" } ], "typesetting": { "margins": { "inner": 80, "outer": 60 } } }"""), StringComparison.Ordinal);
        Assert.Contains("$.typesetting.margins: top 100 mm + bottom 100 mm",
            Problem("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf" } ], "typesetting": { "margins": { "top": 100, "bottom": 100 } } }"""), StringComparison.Ordinal);
        Assert.Contains("$.stages: the stage list is empty", Problem("""{ "book": { "title": "К" }, "stages": [] }"""), StringComparison.Ordinal);
        Assert.Contains("$.typesetting.fonts.heading: font \"No Such Face\" is not installed",
            Problem("""{ "book": { "title": "К" }, "stages": [ { "name": "epub" } ], "typesetting": { "fonts": { "heading": "No Such Face" } } }"""), StringComparison.Ordinal);
        Assert.Contains("$.typesetting.pdfStandard: unknown PDF standard \"PDF/X-1a\"",
            Problem("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf" } ], "typesetting": { "pdfStandard": "PDF/X-1a" } }"""), StringComparison.Ordinal);

        // A font nobody uses (no publishing stage) and a small page with small margins are fine.
        Load("""{ "book": { "title": "К" }, "stages": [ { "name": "join" } ], "typesetting": { "fonts": { "body": "No Such Face" } } }""");
        Load("""{ "book": { "title": "К" }, "stages": [ { "name": "pdf" } ], "typesetting": { "trimSize": "70x90/32", "margins": { "inner": 15, "outer": 12 } } }""");
    }
}
