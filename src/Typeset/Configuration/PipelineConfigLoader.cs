using System.Text;
using System.Text.Json;
using Typeset.Model;

namespace Typeset.Configuration;

/// <summary>Reads and validates pipeline.json. Every problem becomes one <see cref="ConfigException"/> naming file and JSON path.</summary>
public static class PipelineConfigLoader
{
    public const string DefaultFileName = "pipeline.json";

    private static readonly JsonShape Text = new StringShape();

    private static readonly ObjectShape BookShape = new(new Dictionary<string, Field>
    {
        ["title"] = new(new StringShape(Validate: t => t.Trim().Length == 0 ? "the title must not be empty" : null), Required: true),
        ["subtitle"] = new(Text),
        ["author"] = new(Text),
        ["publisher"] = new(Text),
        ["city"] = new(Text),
        ["year"] = new(new NumberShape(1400, 2200, Integer: true)),
        ["isbn"] = new(new StringShape(Validate: ValidateIsbn, Description: "an ISBN-10 or ISBN-13")),
        ["language"] = new(new StringShape(Validate: t => t.Length is >= 2 and <= 12 && t.All(c => char.IsAsciiLetter(c) || c == '-') ? null : "expected a BCP 47 language tag such as \"ru\"")),
    });

    private static readonly ObjectShape PathsShape = new(new Dictionary<string, Field>
    {
        ["input"] = new(Text),
        ["output"] = new(Text),
        ["dictionaries"] = new(Text),
        ["decisions"] = new(Text),
        ["scans"] = new(Text),
        ["images"] = new(new ArrayShape(Text)),
        ["morphology"] = new(Text),
    });

    private static readonly ObjectShape TypesettingShape = new(new Dictionary<string, Field>
    {
        ["trimSize"] = new(new StringShape(
            Validate: t => TrimSizes.TryParse(t, out _, out _) ? null : $"unknown trim size \"{t}\"; expected one of {string.Join(", ", TrimSizes.Names)} or WIDTHxHEIGHT in mm",
            Description: "a trim size name or WIDTHxHEIGHT in mm")),
        ["margins"] = new(new ObjectShape(new Dictionary<string, Field>
        {
            ["inner"] = new(new NumberShape(0, 100)),
            ["outer"] = new(new NumberShape(0, 100)),
            ["top"] = new(new NumberShape(0, 100)),
            ["bottom"] = new(new NumberShape(0, 100)),
        })),
        ["fonts"] = new(new ObjectShape(new Dictionary<string, Field>
        {
            ["body"] = new(Text),
            ["heading"] = new(Text),
        })),
        ["fontSize"] = new(new NumberShape(5, 30)),
        ["leading"] = new(new NumberShape(5, 60)),
        ["paragraphIndent"] = new(new NumberShape(0, 10)),
        ["bleed"] = new(new NumberShape(0, 10)),
        ["cropMarks"] = new(new BooleanShape()),
        ["chapterOnRecto"] = new(new BooleanShape()),
        ["hyphenate"] = new(new BooleanShape()),
        ["hyphenateCapitalized"] = new(new BooleanShape()),
        ["runningHeads"] = new(new BooleanShape()),
        ["contents"] = new(new StringShape([TypesettingSettings.ContentsFront, TypesettingSettings.ContentsBack])),
        ["titlePage"] = new(new BooleanShape()),
        ["toc"] = new(new BooleanShape()),
        ["tolerance"] = new(new NumberShape(0, 10000)),
        ["figureMaxHeight"] = new(new NumberShape(0.1, 1)),
        ["minImageDpi"] = new(new NumberShape(0, 2400)),
        ["fontExpansion"] = new(new NumberShape(0, 0.05)),
        ["pdfStandard"] = new(new StringShape(
            Validate: t => t is "PDF/X-4" or "screen" ? null : $"unknown PDF standard \"{t}\"; expected \"PDF/X-4\" (print) or \"screen\" (RGB)",
            Description: "\"PDF/X-4\" or \"screen\"")),
        ["iccProfile"] = new(Text),
        ["preflight"] = new(new BooleanShape()),
        ["outputCondition"] = new(new StringShape(Validate: t => t.Trim().Length == 0 ? "the output condition must not be empty" : null)),
    });

    /// <summary>The settings used when there is no pipeline.json: every stage with its defaults, paths under <paramref name="folder"/>.</summary>
    public static PipelineConfig Defaults(string folder, string title, IEnumerable<string> stageNames)
    {
        TrimSizes.TryParse(new TypesettingSettings().TrimSize, out var width, out var height);
        return new PipelineConfig(
            Path.Combine(folder, DefaultFileName),
            new BookMeta(title),
            new ProjectPaths(Path.Combine(folder, "input"), Path.Combine(folder, "output"), Path.Combine(folder, "dictionaries"), Path.Combine(folder, "input", "review-decisions.jsonl")),
            stageNames.Select(n => new StageConfig(n, new Dictionary<string, JsonElement>())).ToList(),
            new TypesettingSettings { PageWidthMm = width, PageHeightMm = height });
    }

    /// <summary>Loads <paramref name="path"/>; <paramref name="stageOptions"/> maps each known stage name to the shape of its options.</summary>
    public static PipelineConfig Load(string path, IReadOnlyDictionary<string, ObjectShape> stageOptions)
    {
        var fullPath = Path.GetFullPath(path);
        var name = Path.GetFileName(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException($"{path}: file not found");
        }

        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new ConfigException($"{path}: cannot read: {e.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            var rootShape = new ObjectShape(new Dictionary<string, Field>
            {
                ["$schema"] = new(Text),
                ["book"] = new(BookShape, Required: true),
                ["paths"] = new(PathsShape),
                ["stages"] = new(new StagesShape(stageOptions), Required: true),
                ["typesetting"] = new(TypesettingShape),
            });
            if (rootShape.Check(root, "$") is { } problem)
            {
                throw new ConfigException($"{path}: {problem}");
            }

            // Checked once every key is known good, so a file with several problems reports the one a reader meets first.
            if (root.GetProperty("stages").GetArrayLength() == 0)
            {
                throw new ConfigException($"{path}: $.stages: the stage list is empty; name at least one stage, one of: {string.Join(", ", stageOptions.Keys)}");
            }

            var folder = Path.GetDirectoryName(fullPath)!;
            var paths = ReadPaths(root, folder);
            if (OutputInsideInput(paths) is { } refusal)
            {
                throw new ConfigException($"{path}: $.paths.output: {refusal}");
            }

            var config = new PipelineConfig(
                fullPath,
                ReadBook(root.GetProperty("book")),
                paths,
                ReadStages(root.GetProperty("stages")),
                ReadTypesetting(root, folder));
            if (TypesettingProblem(config) is { } typesetting)
            {
                throw new ConfigException($"{path}: {typesetting}");
            }

            return config;
        }
    }

    /// <summary>
    /// Settings each valid on its own that together cannot make a book: a text block too narrow or too short to set
    /// (margins wider than the page), or a font that is not installed when a stage would use it.
    /// </summary>
    private static string? TypesettingProblem(PipelineConfig config)
    {
        var t = config.Typesetting;
        var width = t.PageWidthMm - t.MarginInnerMm - t.MarginOuterMm;
        var height = t.PageHeightMm - t.MarginTopMm - t.MarginBottomMm;
        const double PointsPerMm = 72 / 25.4;
        // A justified measure needs room for a dozen ems; a page for a few lines besides the running head.
        var minimumWidth = 12 * t.FontSizePt / PointsPerMm;
        var minimumHeight = 6 * t.LeadingPt / PointsPerMm;
        if (width < minimumWidth)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"$.typesetting.margins: inner {t.MarginInnerMm:0.#} mm + outer {t.MarginOuterMm:0.#} mm leave a text block {width:0.#} mm wide on a page {t.PageWidthMm:0.#} mm wide; it must be at least {minimumWidth:0} mm (12 em of {t.FontSizePt:0.#} pt type)");
        }

        if (height < minimumHeight)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"$.typesetting.margins: top {t.MarginTopMm:0.#} mm + bottom {t.MarginBottomMm:0.#} mm leave a text block {height:0.#} mm high on a page {t.PageHeightMm:0.#} mm high; it must be at least {minimumHeight:0} mm (6 lines of {t.LeadingPt:0.#} pt)");
        }

        if (config.Stages.Any(stage => stage.Name is Publishing.PdfStage.StageName or Publishing.EpubStage.StageName))
        {
            foreach (var (key, family) in new[] { ("body", t.BodyFont), ("heading", t.HeadingFont) })
            {
                if (!FontInstalled(family))
                {
                    return $"$.typesetting.fonts.{key}: font \"{family}\" is not installed (looked for in the system font folders; `fc-list : family` lists what is)";
                }
            }
        }

        return null;
    }

    private static bool FontInstalled(string family)
    {
        try
        {
            Publishing.Layout.FontResolver.System.Resolve(family, Publishing.Layout.FontVariant.Regular);
            return true;
        }
        catch (Publishing.Layout.FontNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Null when the output folder lies outside the input, else why not: a run would write into its input (which
    /// Typeset never does) and the next run would read its own book.md as part of the book.
    /// </summary>
    public static string? OutputInsideInput(ProjectPaths paths)
    {
        foreach (var (name, input) in new[] { ("paths.input", paths.Input), ("paths.scans", paths.ScanFolder) })
        {
            if (Typeset.IO.OutputPaths.IsSameOrInside(paths.Output, input))
            {
                return $"\"{paths.Output}\" is {(Typeset.IO.OutputPaths.IsSame(paths.Output, input) ? "" : "inside ")}{name} (\"{input}\"): " +
                       "Typeset never writes into its input, and the next run would read its own output as part of the book";
            }
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private static string? ValidateIsbn(string isbn)
    {
        var digits = isbn.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').ToArray();
        if (digits.Length == 13)
        {
            var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
            return sum % 10 == 0 ? null : $"ISBN \"{isbn}\" has a wrong check digit";
        }

        if (digits.Length == 10)
        {
            var sum = digits.Select((c, i) => (c is 'X' or 'x' ? 10 : c - '0') * (10 - i)).Sum();
            return sum % 11 == 0 ? null : $"ISBN \"{isbn}\" has a wrong check digit";
        }

        return $"\"{isbn}\" is not an ISBN-10 or ISBN-13";
    }

    private static BookMeta ReadBook(JsonElement book)
    {
        string? Get(string key) => book.TryGetProperty(key, out var v) ? v.GetString() : null;
        return new BookMeta(
            Get("title")!.Trim(),
            Get("subtitle"),
            Get("author"),
            Get("publisher"),
            Get("city"),
            book.TryGetProperty("year", out var year) ? (int)year.GetDouble() : null,
            Get("isbn"),
            Get("language") ?? "ru");
    }

    private static ProjectPaths ReadPaths(JsonElement root, string folder)
    {
        var paths = root.TryGetProperty("paths", out var p) ? p : default;
        string Get(string key, string fallback) =>
            Path.GetFullPath(Path.Combine(folder, paths.ValueKind == JsonValueKind.Object && paths.TryGetProperty(key, out var v) ? v.GetString()! : fallback));
        var input = Get("input", "input");
        // Without paths.scans the scans are looked for in the input folder (which --input may move).
        var scans = paths.ValueKind == JsonValueKind.Object && paths.TryGetProperty("scans", out _) ? Get("scans", string.Empty) : null;
        var images = paths.ValueKind == JsonValueKind.Object && paths.TryGetProperty("images", out var list)
            ? list.EnumerateArray().Select(folderName => Path.GetFullPath(Path.Combine(folder, folderName.GetString()!))).ToList()
            : [];

        // No default here: without paths.morphology the dictionary is found as MorphologyLocation says.
        var morphology = paths.ValueKind == JsonValueKind.Object && paths.TryGetProperty("morphology", out var m) ? Path.GetFullPath(Path.Combine(folder, m.GetString()!)) : null;
        return new ProjectPaths(input, Get("output", "output"), Get("dictionaries", "dictionaries"), Get("decisions", Path.Combine("input", "review-decisions.jsonl")),
            scans, morphology) { ImageFolders = images };
    }

    private static IReadOnlyList<StageConfig> ReadStages(JsonElement stages) =>
        stages.EnumerateArray()
            .Select(stage => new StageConfig(
                stage.GetProperty("name").GetString()!,
                stage.EnumerateObject().Where(p => p.Name != "name").ToDictionary(p => p.Name, p => p.Value.Clone())))
            .ToList();

    private static TypesettingSettings ReadTypesetting(JsonElement root, string folder)
    {
        var settings = new TypesettingSettings();
        if (!root.TryGetProperty("typesetting", out var t))
        {
            TrimSizes.TryParse(settings.TrimSize, out var w0, out var h0);
            return settings with { PageWidthMm = w0, PageHeightMm = h0 };
        }

        double Number(JsonElement parent, string key, double fallback) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool Boolean(JsonElement parent, string key, bool fallback) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(key, out var v) ? v.GetBoolean() : fallback;
        string String(JsonElement parent, string key, string fallback) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(key, out var v) ? v.GetString()! : fallback;

        var trim = String(t, "trimSize", settings.TrimSize);
        TrimSizes.TryParse(trim, out var width, out var height);
        var margins = t.TryGetProperty("margins", out var m) ? m : default;
        var fonts = t.TryGetProperty("fonts", out var f) ? f : default;
        return settings with
        {
            TrimSize = trim,
            PageWidthMm = width,
            PageHeightMm = height,
            MarginInnerMm = Number(margins, "inner", settings.MarginInnerMm),
            MarginOuterMm = Number(margins, "outer", settings.MarginOuterMm),
            MarginTopMm = Number(margins, "top", settings.MarginTopMm),
            MarginBottomMm = Number(margins, "bottom", settings.MarginBottomMm),
            BodyFont = String(fonts, "body", settings.BodyFont),
            HeadingFont = String(fonts, "heading", settings.HeadingFont),
            FontSizePt = Number(t, "fontSize", settings.FontSizePt),
            LeadingPt = Number(t, "leading", settings.LeadingPt),
            ParagraphIndentEm = Number(t, "paragraphIndent", settings.ParagraphIndentEm),
            BleedMm = Number(t, "bleed", settings.BleedMm),
            CropMarks = Boolean(t, "cropMarks", settings.CropMarks),
            ChapterOnRecto = Boolean(t, "chapterOnRecto", settings.ChapterOnRecto),
            Hyphenate = Boolean(t, "hyphenate", settings.Hyphenate),
            HyphenateCapitalized = Boolean(t, "hyphenateCapitalized", settings.HyphenateCapitalized),
            RunningHeads = Boolean(t, "runningHeads", settings.RunningHeads),
            TitlePage = Boolean(t, "titlePage", settings.TitlePage),
            Toc = Boolean(t, "toc", settings.Toc),
            Contents = t.TryGetProperty("contents", out var contents) ? contents.GetString()! : settings.Contents,
            Tolerance = Number(t, "tolerance", settings.Tolerance),
            FigureMaxHeight = Number(t, "figureMaxHeight", settings.FigureMaxHeight),
            MinImageDpi = Number(t, "minImageDpi", settings.MinImageDpi),
            FontExpansion = Number(t, "fontExpansion", settings.FontExpansion),
            PdfStandard = String(t, "pdfStandard", settings.PdfStandard),
            IccProfile = Path.GetFullPath(Path.Combine(folder, String(t, "iccProfile", settings.IccProfile))),
            OutputCondition = String(t, "outputCondition", settings.OutputCondition),
            Preflight = Boolean(t, "preflight", settings.Preflight),
        };
    }

    /// <summary>The stage list: each entry names a known stage and may carry only that stage's options.</summary>
    private sealed record StagesShape(IReadOnlyDictionary<string, ObjectShape> StageOptions) : JsonShape
    {
        public override string Expected => "an array of stages, each {\"name\": ...}";

        public override string? Check(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return $"{path}: expected {Expected}, found {Describe(value)}";
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var stage in value.EnumerateArray())
            {
                var stagePath = $"{path}[{index++}]";
                if (stage.ValueKind != JsonValueKind.Object)
                {
                    return $"{stagePath}: expected an object like {{\"name\": \"join\"}}, found {Describe(stage)}";
                }

                if (!stage.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                {
                    return $"{stagePath}.name: expected the stage name, one of: {string.Join(", ", StageOptions.Keys)}";
                }

                var name = nameElement.GetString()!;
                if (!StageOptions.TryGetValue(name, out var options))
                {
                    return $"{stagePath}.name: unknown stage \"{name}\"; expected one of: {string.Join(", ", StageOptions.Keys)}";
                }

                if (!seen.Add(name))
                {
                    return $"{stagePath}.name: stage \"{name}\" is listed twice";
                }

                foreach (var property in stage.EnumerateObject().Where(p => p.Name != "name"))
                {
                    var optionPath = $"{stagePath}.{property.Name}";
                    if (!options.Fields.TryGetValue(property.Name, out var field))
                    {
                        var valid = options.Fields.Count == 0 ? "this stage takes no options" : "expected one of: " + string.Join(", ", options.Fields.Keys);
                        return $"{optionPath}: unknown option of stage \"{name}\"; {valid}";
                    }

                    if (field.Shape.Check(property.Value, optionPath) is { } problem)
                    {
                        return problem;
                    }
                }
            }

            return null;
        }
    }
}
