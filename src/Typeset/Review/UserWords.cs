namespace Typeset.Review;

/// <summary>
/// dictionaries/user-words.txt: words the editor declared correct, one per line (UTF-8; blank lines and lines starting
/// with <c>#</c> are ignored). The spelling dictionary learns them when a run opens it.
/// </summary>
public static class UserWords
{
    public const string FileName = "user-words.txt";

    public static string PathIn(string dictionariesFolder) => Path.Combine(dictionariesFolder, FileName);

    /// <summary>Null when <paramref name="word"/> can be added, else why not.</summary>
    public static string? Problem(string? word) => word switch
    {
        null or { Length: 0 } => "word is required",
        { Length: > 64 } => "word is longer than 64 characters",
        _ when word.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "one word only: no spaces or control characters",
        _ when word.StartsWith('#') => "a word cannot start with #",
        _ when !word.Any(char.IsLetter) => "a word needs at least one letter",
        _ => null,
    };

    public static IReadOnlyList<string> Read(string path) =>
        AppendOnlyLineFile.ReadLines(path)
            .Select(line => line.Text.Trim())
            .Where(word => word.Length > 0 && !word.StartsWith('#'))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Adds a word unless it is already there; returns whether the file changed.</summary>
    public static bool Add(string path, string word)
    {
        if (Problem(word) is { } problem)
        {
            throw new ArgumentException(problem, nameof(word));
        }

        word = word.Normalize(System.Text.NormalizationForm.FormC);
        if (Read(path).Contains(word, StringComparer.Ordinal))
        {
            return false;
        }

        // A hand-edited last line without its newline is a word: keep it.
        AppendOnlyLineFile.Append(path, word, keepUnterminatedTail: _ => true);
        return true;
    }
}
