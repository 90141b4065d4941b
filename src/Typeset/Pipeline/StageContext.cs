using Typeset.Configuration;
using Typeset.Edits;
using Typeset.Interop.Hunspell;
using Typeset.Model;
using Typeset.Morphology;
using Typeset.Review;

namespace Typeset.Pipeline;

/// <summary>Per-run state shared by the stages: configuration, the current stage's options, dictionaries, the edit log.</summary>
public sealed class StageContext(PipelineConfig config, IEditDecisions decisions, IRunObserver observer) : IDisposable
{
    private readonly Lazy<HunspellDictionary> hunspell = new(() => OpenHunspell(config));
    private readonly Lazy<MorphAnalyzer> morphology = new(() => OpenMorphology(config));
    private readonly List<EditRecord> editLog = [];
    private readonly List<string> failures = [];
    private Task[] preloads = [];

    public PipelineConfig Config { get; } = config;

    public IEditDecisions Decisions { get; } = decisions;

    public IRunObserver Observer { get; } = observer;

    /// <summary>The options of the stage being run (set by the runner before each stage).</summary>
    public StageConfig Stage { get; internal set; } = new(string.Empty, new Dictionary<string, System.Text.Json.JsonElement>());

    /// <summary>The folder against which figure paths of the current book resolve.</summary>
    public string ResourceFolder { get; internal set; } = string.Empty;

    /// <summary>Where figures may be read from: the resource folder, the project, and the folders paths.images names.</summary>
    public Publishing.ResourceFolders Resources =>
        new(ResourceFolder, [Path.GetDirectoryName(Path.GetFullPath(Config.ConfigPath))!, .. Config.Paths.ImageFolders]);

    /// <summary>Where a publishing stage writes; null means its default under output/.</summary>
    public string? TargetFile { get; internal set; }

    public HunspellDictionary Hunspell => hunspell.Value;

    /// <summary>
    /// Russian morphology (OpenCorpora via az), loaded on first use and shared by the stages (and runs) of the process. Missing or
    /// damaged files stop the stage with one line naming the file (exit 2): a stage never runs without it.
    /// </summary>
    public MorphAnalyzer Morphology => morphology.Value;

    public IReadOnlyList<EditRecord> EditLog => editLog;

    /// <summary>
    /// Starts reading Hunspell's and OpenCorpora's dictionaries on the thread pool while the book is read and the first
    /// stages run, so on two cores their half second of loading overlaps other work. A failure surfaces, as before,
    /// where a stage first asks for the dictionary (the lazy value keeps the exception).
    /// </summary>
    internal void PreloadDictionaries() => preloads =
    [
        Task.Run(() => Touch(hunspell)),
        Task.Run(() => Touch(morphology)),
    ];

    private static void Touch<T>(Lazy<T> lazy)
    {
        try
        {
            _ = lazy.Value;
        }
        catch (Exception)
        {
            // Rethrown by the lazy value to the stage that asks.
        }
    }

    internal void Log(IEnumerable<EditRecord> records) => editLog.AddRange(records);

    public void Warn(BookWarning warning) => Observer.Warning(warning);

    public void Warn(string message) => Warn(BookWarning.General(message));

    /// <summary>Part of the input could not be processed (a scan page): reported now, and the run fails once the rest is done.</summary>
    public void Fail(string message)
    {
        failures.Add(message);
        Observer.Warning(BookWarning.General(message));
    }

    public IReadOnlyList<string> Failures => failures;

    /// <summary>A one-line result of the current stage for the run summary ("212 pages").</summary>
    public void Report(string summary) => StageSummary = summary;

    internal string? StageSummary { get; set; }

    /// <summary>The system dictionary plus the words the editor added in review (dictionaries/user-words.txt).</summary>
    private static HunspellDictionary OpenHunspell(PipelineConfig config)
    {
        HunspellDictionary dictionary;
        try
        {
            dictionary = HunspellDictionary.Open();
        }
        catch (Exception e) when (e is FileNotFoundException or DllNotFoundException or InvalidOperationException)
        {
            // Cleanup never runs without its lexicon: one line naming the file and the fix, exit 2.
            throw new UsageException($"{e.Message} (apt-get install --no-install-recommends libhunspell-1.7-0 hunspell-ru; typeset doctor checks it)");
        }

        foreach (var word in UserWords.Read(UserWords.PathIn(config.Paths.Dictionaries)))
        {
            dictionary.Add(word);
        }

        return dictionary;
    }

    private static MorphAnalyzer OpenMorphology(PipelineConfig config)
    {
        var (folder, source) = MorphologyLocation.Resolve(config.Paths.Morphology);
        try
        {
            return MorphAnalyzer.Shared(folder);
        }
        catch (MorphologyDataException e)
        {
            throw new UsageException($"{e.Message} (morphology dictionary from {source}; install: {MorphologyLocation.InstallCommand})");
        }
    }

    public void Dispose()
    {
        Task.WaitAll(preloads);
        if (hunspell.IsValueCreated)
        {
            hunspell.Value.Dispose();
        }
    }
}

/// <summary>Receives progress: the CLI shows it on the terminal, tests ignore it.</summary>
public interface IRunObserver
{
    void StageStarted(string stage);

    void StageFinished(string stage, TimeSpan elapsed, string summary);

    void Warning(BookWarning warning);

    /// <summary>How far a long stage has got ("3 of 212 pages"); optional.</summary>
    void Progress(string stage, string message)
    {
    }
}

public sealed class SilentObserver : IRunObserver
{
    public static readonly SilentObserver Instance = new();

    public List<BookWarning> Warnings { get; } = [];

    public void StageStarted(string stage)
    {
    }

    public void StageFinished(string stage, TimeSpan elapsed, string summary)
    {
    }

    public void Warning(BookWarning warning) => Warnings.Add(warning);
}
