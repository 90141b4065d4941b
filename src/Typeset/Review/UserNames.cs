namespace Typeset.Review;

/// <summary>
/// dictionaries/user-names.tsv: the spellings of names the editor chose in review, in the format of names.tsv
/// (<c>canonical&lt;TAB&gt;variant, variant</c>). The names stage reads it after names.tsv, and its lines win.
/// </summary>
public static class UserNames
{
    public const string FileName = "user-names.tsv";

    public static string PathIn(string dictionariesFolder) => Path.Combine(dictionariesFolder, FileName);

    /// <summary>Null when <paramref name="spelling"/> can be chosen over <paramref name="forms"/> (comma-separated), else why not.</summary>
    public static string? Problem(string? spelling, string? forms)
    {
        if (string.IsNullOrWhiteSpace(spelling) || string.IsNullOrWhiteSpace(forms))
        {
            return "after (the chosen spelling) and before (the forms it replaces) are required";
        }

        var all = Forms(forms).Append(spelling.Trim()).ToList();
        return all.Any(f => f.Length > 64 || f.Any(c => char.IsControl(c) || c is '\t' or ',' or '#') || !f.Any(char.IsLetter))
            ? "a name is at most 64 characters, with letters, and no tab, comma, # or control characters"
            : Forms(forms).Contains(spelling.Trim(), StringComparer.Ordinal) ? "the chosen spelling is among the forms it replaces" : null;
    }

    public static IReadOnlyList<string> Forms(string forms) =>
        forms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Appends "spelling TAB form, form" (a line the names stage reads as names.tsv's).</summary>
    public static void Add(string path, string spelling, string forms)
    {
        if (Problem(spelling, forms) is { } problem)
        {
            throw new ArgumentException(problem, nameof(spelling));
        }

        var line = spelling.Trim().Normalize(System.Text.NormalizationForm.FormC) + "\t" +
                   string.Join(", ", Forms(forms).Select(f => f.Normalize(System.Text.NormalizationForm.FormC)));
        AppendOnlyLineFile.Append(path, line, keepUnterminatedTail: _ => true);
    }
}
