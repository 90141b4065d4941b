using Typeset.Morphology;

namespace Typeset.Tests.Morphology;

/// <summary>The installed dictionary (./test installs npm az where the library looks), loaded once for all tests.</summary>
public static class MorphologyData
{
    public static string Folder { get; } = MorphologyLocation.Resolve(null).Folder;

    public static MorphAnalyzer Analyzer => MorphAnalyzer.Shared(Folder);

    /// <summary>A copy of the dictionary's files in <paramref name="folder"/>, to damage one of them.</summary>
    public static string CopyTo(string folder)
    {
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
