using System.Text.RegularExpressions;
using Typeset.Morphology;
using Typeset.Tests.Support;

namespace Typeset.Tests.Morphology;

/// <summary>The installed dictionary (./test installs npm az where the library looks), loaded once for all tests.</summary>
public static class MorphologyData
{
    public static string Folder { get; } = MorphologyLocation.Resolve(null).Folder;

    public static MorphAnalyzer Analyzer => MorphAnalyzer.Shared(Folder);

    /// <summary>The tokens of the sample book's OCR text in order: words (hyphenated ones whole) and numbers — real text.</summary>
    public static string[] SampleTokens() =>
        Regex.Matches(File.ReadAllText(TestPaths.SampleMarkdown), @"\p{L}+(?:-\p{L}+)*|\d+(?:[.,]\d+)?").Select(m => m.Value).ToArray();

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
