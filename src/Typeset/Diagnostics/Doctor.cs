using System.Runtime.InteropServices;
using Typeset.Configuration;
using Typeset.Interop.Hunspell;
using Typeset.Morphology;
using Typeset.Pipeline;

namespace Typeset.Diagnostics;

/// <summary>One finding of <c>typeset doctor</c>: what was checked, whether it is usable, and how to fix it if not.</summary>
public sealed record Finding(string Check, bool Ok, string Detail, string? Fix = null, bool Required = true);

/// <summary>Checks what a run needs — native libraries, dictionaries, fonts, tools, configuration — and says how to fix what is missing.</summary>
public static class Doctor
{
    public const string TessdataFolder = "/usr/share/tesseract-ocr/5/tessdata";
    public const string HyphenationPatterns = "/usr/share/hyphen/hyph_ru_RU.dic";

    public static IReadOnlyList<Finding> Examine(Func<PipelineConfig> loadConfig, Func<string, string?> resolveFont)
    {
        var findings = new List<Finding>();
        PipelineConfig? config = null;
        try
        {
            config = loadConfig();
            findings.Add(new Finding("pipeline.json", true, $"{config.ConfigPath}: valid, stages {string.Join(" → ", config.Stages.Select(s => s.Name))}"));
        }
        catch (ConfigException e)
        {
            findings.Add(new Finding("pipeline.json", false, e.Message, "fix the key named in the message (see README, pipeline.json)"));
        }

        findings.Add(CheckHunspell());
        findings.Add(CheckMorphology(config?.Paths.Morphology));
        if (config is not null)
        {
            findings.AddRange(CheckProjectDictionaries(config.Paths.Dictionaries));
        }

        findings.Add(new Finding("hyphenation patterns", File.Exists(HyphenationPatterns), HyphenationPatterns,
            "apt-get install --no-install-recommends hyphen-ru", Required: false));

        var typesetting = config?.Typesetting ?? new TypesettingSettings();
        foreach (var family in new[] { typesetting.BodyFont, typesetting.HeadingFont }.Distinct())
        {
            var file = resolveFont(family);
            findings.Add(new Finding($"font {family}", file is not null, file ?? "not found in the system font folders",
                "apt-get install --no-install-recommends fonts-paratype (or set typesetting.fonts in pipeline.json)"));
        }

        // Loading libtesseract starts OpenMP, which reads its thread limit only then.
        Typeset.Interop.Tesseract.TesseractEngine.PrepareNativeEnvironment();
        var tesseract = NativeLibrary.TryLoad("libtesseract.so.5", out var handle);
        if (tesseract)
        {
            NativeLibrary.Free(handle);
        }

        findings.Add(new Finding("libtesseract 5", tesseract, tesseract ? "loads" : "libtesseract.so.5 not found",
            "apt-get install --no-install-recommends tesseract-ocr", Required: false));
        foreach (var language in new[] { "rus", "eng" })
        {
            var path = Path.Combine(TessdataFolder, language + ".traineddata");
            findings.Add(new Finding($"tessdata {language}", File.Exists(path), path,
                $"apt-get install --no-install-recommends tesseract-ocr-{language}", Required: false));
        }

        findings.Add(Tool("pdftotext", "poppler-utils"));
        findings.Add(Tool("qpdf", "qpdf"));
        var epubcheck = File.Exists("/usr/share/java/epubcheck.jar") && OnPath("java") is not null;
        findings.Add(new Finding("epubcheck", epubcheck, epubcheck ? "/usr/share/java/epubcheck.jar" : "not installed",
            "apt-get install --no-install-recommends epubcheck", Required: false));

        if (config is not null && Ocr.ScanInputs.FolderOf(config.Paths) is { } scans)
        {
            // A project of page images starts from them (typeset run begins with the ocr stage).
            findings.Add(new Finding("input", true, $"{Ocr.ScanInputs.CountScans(scans)} scan(s) in {scans}"));
        }
        else if (config is not null)
        {
            try
            {
                var files = BookSource.FindMarkdown(config.Paths.Input);
                findings.Add(new Finding("input", true, $"{files.Count} Markdown file(s) in {config.Paths.Input}"));
            }
            catch (UsageException e)
            {
                findings.Add(new Finding("input", false, e.Message, "put the book's OCR'd Markdown into the input folder"));
            }
        }

        return findings;
    }

    /// <summary>
    /// The cleanup stages' project files: each must parse (a broken line stops the stage with exit 2); a missing one only
    /// weakens its rule (plain OCR costs, no listed names, no event capitals), so it is reported but not required.
    /// </summary>
    internal static IEnumerable<Finding> CheckProjectDictionaries(string folder)
    {
        var files = new (string Name, Action<string> Load)[]
        {
            (Cleanup.Spelling.OcrErrorModel.ProjectFile, path => Cleanup.Spelling.OcrErrorModel.Load(path)),
            (Cleanup.Names.NamesStage.NamesFile, path => Cleanup.Names.NameList.Load(path)),
            (Cleanup.Editorial.EditorialStage.EventNamesFile, path => Cleanup.Editorial.EventNames.ReadNames(path)),
        };
        foreach (var (name, load) in files)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                yield return new Finding($"dictionary {name}", false, $"{path}: not found", $"copy {name} from Typeset's dictionaries/ into {folder}", Required: false);
                continue;
            }

            string? problem = null;
            try
            {
                load(path);
            }
            catch (Exception e) when (e is FormatException or UsageException or IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
            }

            yield return new Finding($"dictionary {name}", problem is null, problem ?? path, $"fix the line named, or restore {name} from Typeset's dictionaries/");
        }
    }

    private static Finding CheckHunspell()
    {
        try
        {
            using var dictionary = HunspellDictionary.Open();
            var works = dictionary.Spell("государственный") && !dictionary.Spell("сударственный");
            return new Finding("hunspell ru_RU", works, works ? $"{HunspellDictionary.DefaultFolder}/ru_RU.dic, encoding {dictionary.Encoding}" : "loaded but does not recognise Russian words",
                "apt-get install --no-install-recommends libhunspell-1.7-0 hunspell-ru");
        }
        catch (Exception e) when (e is DllNotFoundException or FileNotFoundException or InvalidOperationException)
        {
            return new Finding("hunspell ru_RU", false, e.Message, "apt-get install --no-install-recommends libhunspell-1.7-0 hunspell-ru");
        }
    }

    /// <summary>Loads the morphology dictionary as a stage would and reads a word whose readings are known.</summary>
    internal static Finding CheckMorphology(string? configured)
    {
        const string check = "morphology (OpenCorpora)";
        var (folder, source) = MorphologyLocation.Resolve(configured);
        var fix = $"install it: {MorphologyLocation.InstallCommand}; or point paths.morphology in pipeline.json or {MorphologyLocation.EnvironmentVariable} at az's dicts folder";
        try
        {
            var analyzer = MorphAnalyzer.Load(folder);
            var parses = analyzer.Analyze("стали");
            var works = parses.Any(p => p.Lemma == "стать" && p.Tag.Has(Grammeme.Verb)) && parses.Any(p => p.Lemma == "сталь" && p.Tag.Has(Grammeme.Noun));
            var meta = analyzer.Dictionary.Meta;
            return new Finding(check, works,
                works ? $"{folder} ({source}): OpenCorpora {meta.SourceVersion}, revision {meta.SourceRevision}, {meta.LexemeCount} lexemes, read in {analyzer.LoadTime.TotalMilliseconds:0} ms"
                    : $"{folder}: loaded, but \"стали\" is not read as стать/сталь: a damaged or different dictionary",
                fix);
        }
        catch (MorphologyDataException e)
        {
            return new Finding(check, false, $"{e.Message} ({source})", fix);
        }
    }

    private static Finding Tool(string name, string package)
    {
        var path = OnPath(name);
        return new Finding(name, path is not null, path ?? "not on PATH", $"apt-get install --no-install-recommends {package}", Required: false);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
