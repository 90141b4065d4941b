namespace Typeset.Tests.Support;

/// <summary>Locates repository files from the test output folder, and makes scratch folders that clean up after themselves.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SampleMarkdown => Path.Combine(RepositoryRoot, "samples", "razgrom-yaponii.ocr.md");

    public static string RepositoryConfig => Path.Combine(RepositoryRoot, "pipeline.json");

    public static string Specs => Path.Combine(AppContext.BaseDirectory, "Specs");

    /// <summary>A chapter of ordinary non-fiction (written for the tests) holding every kind of block and inline of the model.</summary>
    public static string EveryKindBook => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Book", "every-kind.md");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Typeset.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Typeset.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "typeset-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
