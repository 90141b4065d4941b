namespace Typeset.Morphology;

/// <summary>
/// Where the morphology dictionary is: <c>paths.morphology</c> in pipeline.json if set, else the
/// <c>TYPESET_MORPHOLOGY</c> environment variable, else where <c>.ci/prerequisites.sh</c> installs the npm package az:
/// <c>$XDG_DATA_HOME/typeset/az-0.2.3/node_modules/az/dicts</c> (<c>~/.local/share/…</c>). Per user and outside the
/// repository, so every checkout, the tests and CI share one install without the launcher having to pass anything.
/// </summary>
public static class MorphologyLocation
{
    public const string EnvironmentVariable = "TYPESET_MORPHOLOGY";
    public const string Package = "az";
    public const string PackageVersion = "0.2.3";

    /// <summary>The command that installs the dictionary where <see cref="Default"/> looks.</summary>
    public static string InstallCommand =>
        $"npm install --prefix {DefaultPrefix} --no-audit --no-fund {Package}@{PackageVersion} (./typeset and ./test run it when it is missing)";

    /// <summary>The folder the dictionary is read from, and what chose it (for doctor and messages).</summary>
    public static (string Folder, string Source) Resolve(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return (configured, "paths.morphology in pipeline.json");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return !string.IsNullOrEmpty(fromEnvironment)
            ? (Path.GetFullPath(fromEnvironment), EnvironmentVariable)
            : (Default, "the default location");
    }

    /// <summary>$XDG_DATA_HOME (or ~/.local/share)/typeset/az-0.2.3/node_modules/az/dicts.</summary>
    public static string Default => Path.Combine(DefaultPrefix, "node_modules", Package, "dicts");

    private static string DefaultPrefix
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(data))
            {
                data = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".local", "share");
            }

            return Path.Combine(data, "typeset", $"{Package}-{PackageVersion}");
        }
    }
}
