using System.Globalization;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// How likely OCR turned one word into another: a weighted Damerau–Levenshtein distance in which the substitutions OCR
/// makes (и/н, ш/щ, е/ё … from dictionaries/ocr-confusions.tsv) and dropped or doubled letters are cheap.
/// </summary>
public sealed class OcrErrorModel
{
    public const double Substitution = 1.0;
    public const double DroppedLetter = 0.5;

    /// <summary>OCR loses faint letters far more often than it invents them; an invented one is usually a speck.</summary>
    public const double ExtraLetter = 0.9;
    public const double DoubledLetter = 0.3;
    public const double Transposition = 0.7;
    public const double SplitOrGlue = 0.3;

    private readonly Dictionary<(char, char), double> confusions;
    private readonly Dictionary<char, List<(char Meant, double Cost)>> readings;
    private readonly List<(string Seen, char Meant, double Cost)> splits;

    /// <summary>
    /// A model from seen→meant pairs; <paramref name="symmetric"/>: each pair also counts the other way.
    /// <paramref name="splitShapes"/>: one letter OCR read as two or three (ш as пт, ы as ьі), one way only.
    /// </summary>
    public OcrErrorModel(IEnumerable<(char Seen, char Meant, double Cost)> pairs, bool symmetric = true, IEnumerable<(string Seen, char Meant, double Cost)>? splitShapes = null)
    {
        splits = splitShapes?.Where(s => s.Seen.Length is >= 2 and <= 3).ToList() ?? [];
        confusions = [];
        foreach (var (seen, meant, cost) in pairs)
        {
            Cheapest((seen, meant), cost);
            if (symmetric)
            {
                Cheapest((meant, seen), cost);
            }
        }

        readings = confusions.GroupBy(p => p.Key.Item1)
            .ToDictionary(g => g.Key, g => g.Select(p => (p.Key.Item2, p.Value)).OrderBy(p => p.Value).ToList());
    }

    private void Cheapest((char, char) pair, double cost) =>
        confusions[pair] = confusions.TryGetValue(pair, out var known) ? Math.Min(known, cost) : cost;

    public const string ProjectFile = "ocr-confusions.tsv";

    /// <summary>The project's confusion table (dictionaries/ocr-confusions.tsv); plain costs, with a warning, when it is absent.</summary>
    public static OcrErrorModel ForProject(StageContext context)
    {
        var path = Path.Combine(context.Config.Paths.Dictionaries, ProjectFile);
        if (!File.Exists(path))
        {
            context.Warn($"{path}: not found; OCR corrections use plain edit costs");
            return new OcrErrorModel([]);
        }

        try
        {
            return Load(path);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{e.Message} (fix the line, or restore the file from Typeset's dictionaries/)");
        }
    }

    public static OcrErrorModel Load(string path)
    {
        var pairs = new List<(char, char, double)>();
        var splitShapes = new List<(string, char, double)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length is < 1 or > 3 || fields[1].Length != 1 ||
                !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) || cost is < 0 or > 2)
            {
                throw new FormatException($"{path}:{number}: expected seen<TAB>meant<TAB>cost with a seen character (or two or three for one letter read as several), a meant character and a cost from 0 to 2");
            }

            if (fields[0].Length == 1)
            {
                pairs.Add((fields[0][0], fields[1][0], cost));
            }
            else
            {
                splitShapes.Add((fields[0], fields[1][0], cost));
            }
        }

        return new OcrErrorModel(pairs, splitShapes: splitShapes);
    }

    /// <summary>The cost of reading <paramref name="meant"/> as <paramref name="seen"/> (case-insensitive).</summary>
    public double Distance(string seen, string meant)
    {
        seen = seen.ToLowerInvariant();
        meant = meant.ToLowerInvariant();
        var rows = seen.Length + 1;
        var columns = meant.Length + 1;
        var d = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            d[i, 0] = i * ExtraLetter;
        }

        for (var j = 0; j < columns; j++)
        {
            d[0, j] = j * DroppedLetter;
        }

        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < columns; j++)
            {
                var s = seen[i - 1];
                var m = meant[j - 1];
                var substitute = d[i - 1, j - 1] + (s == m ? 0 : SubstitutionCost(s, m));
                // An extra letter in what OCR saw is cheap only when it repeats its neighbour (a doubled stroke).
                // A doubled first letter ("ввойну") is more likely a glued one-letter word, so the pair must not start the word.
                var extra = d[i - 1, j] + GapCost(s, i >= 3 ? seen[i - 2] : '\0', ExtraLetter);
                var missing = d[i, j - 1] + GapCost(m, j >= 3 ? meant[j - 2] : '\0', DroppedLetter);
                var best = Math.Min(substitute, Math.Min(extra, missing));
                if (i > 1 && j > 1 && s == meant[j - 2] && seen[i - 2] == m && s != m)
                {
                    best = Math.Min(best, d[i - 2, j - 2] + Transposition);
                }

                foreach (var (shape, letter, cost) in splits)
                {
                    if (letter == m && i >= shape.Length && string.CompareOrdinal(seen, i - shape.Length, shape, 0, shape.Length) == 0)
                    {
                        best = Math.Min(best, d[i - shape.Length, j - 1] + cost);
                    }
                }

                d[i, j] = best;
            }
        }

        return d[seen.Length, meant.Length];
    }

    /// <summary>The letters OCR splits into several (ш read as пт): each seen run with the letter it stands for.</summary>
    public IReadOnlyList<(string Seen, char Meant, double Cost)> SplitShapes => splits;

    /// <summary>The letters the model says OCR may have read as <paramref name="seen"/>, with the cost of each.</summary>
    public IEnumerable<(char Meant, double Cost)> ReadingsOf(char seen) =>
        readings.TryGetValue(seen, out var list) ? list : [];

    /// <summary>
    /// This model with the substitutions a book shows again and again made cheap for it: a face or a scan that makes
    /// OCR read л as п throughout makes every such reading likelier (the pairs come from the book's own unknown words,
    /// see the spelling stage).
    /// </summary>
    public OcrErrorModel WithBookConfusions(IEnumerable<(char Seen, char Meant, double Cost)> pairs)
    {
        var merged = confusions.Select(p => (p.Key.Item1, p.Key.Item2, p.Value)).ToList();
        foreach (var (seen, meant, cost) in pairs)
        {
            merged.Add((seen, meant, Math.Min(cost, SubstitutionCost(seen, meant))));
        }

        return new OcrErrorModel(merged, symmetric: false, splits);
    }

    /// <summary>The cost of reading <paramref name="meant"/> as <paramref name="seen"/> (a plain substitution when the table is silent).</summary>
    public double SubstitutionCostOf(char seen, char meant) => SubstitutionCost(seen, meant);

    private double SubstitutionCost(char seen, char meant) =>
        confusions.TryGetValue((seen, meant), out var cost) ? cost : Substitution;

    private static double GapCost(char letter, char previous, double plain) =>
        letter == ' ' || letter == '-' ? SplitOrGlue : letter == previous ? DoubledLetter : plain;

    /// <summary>
    /// A split into a conjunction and a short word ("атаи" → "а таи") or leaving a one- or two-letter word after the
    /// glued one is a weak reading; a preposition glued to its noun ("вбою") is the common case.
    /// </summary>
    public double SplitCost(string candidate)
    {
        var parts = candidate.Split(' ');
        return parts.Length < 2 ? 0
            : parts[1].Length < 3 || (parts[0] is "а" or "и" && parts[1].Length < 4) ? Substitution
            : 0;
    }
}
