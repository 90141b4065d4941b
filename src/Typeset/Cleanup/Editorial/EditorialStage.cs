using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Morphology;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Editorial;

/// <summary>
/// What a Russian editor checks in dates and names of events (after Мильчин and Лопатин): the period of г./гг. after a
/// year, a doubled "1945 г. года", decades written as a year ("в 1920 годы" → "1920-е", suggested), capitals in the
/// fixed names of wars and events (dictionaries/event-names.tsv, in any case form), and five-digit years (suggested).
/// Each rule is switched off in pipeline.json with its option set to false.
/// </summary>
public sealed partial class EditorialStage : CleanupStage
{
    public const string StageName = "editorial";
    public const string RuleYearAbbreviation = "editorial.year-abbreviation";
    public const string RuleDoubledYear = "editorial.doubled-year";
    public const string RuleDecade = "editorial.decade";
    public const string RuleEventCapitals = "editorial.event-capitals";
    public const string RuleImplausibleYear = "editorial.implausible-year";
    public const string EventNamesFile = "event-names.tsv";

    /// <summary>The pipeline.json switches, one per rule.</summary>
    public static IReadOnlyList<string> Options { get; } = ["yearAbbreviation", "doubledYear", "decades", "eventCapitals", "implausibleYears"];

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var on = Options.ToDictionary(o => o, o => context.Stage.GetBoolean(o, true), StringComparer.Ordinal);
        var events = on["eventCapitals"] ? EventNames.ForProject(context) : null;
        var edits = new List<Edit>();
        foreach (var part in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(part);
            var untouchable = MarkdownWriter.ProtectedSpans(part);
            var fixes = new List<Fix>();
            if (on["yearAbbreviation"])
            {
                fixes.AddRange(YearAbbreviations(text));
            }

            if (on["doubledYear"])
            {
                fixes.AddRange(DoubledYears(text));
            }

            if (on["decades"])
            {
                fixes.AddRange(Decades(text));
            }

            if (on["implausibleYears"])
            {
                fixes.AddRange(ImplausibleYears(text));
            }

            if (events is not null)
            {
                fixes.AddRange(events.Find(text));
            }

            foreach (var fix in fixes)
            {
                if (!untouchable.Any(span => fix.Start < span.End && fix.Start + fix.Before.Length > span.Start))
                {
                    edits.Add(new Edit(StageName, fix.Rule, part.Id, fix.Start, fix.Before, fix.After, fix.Confidence, fix.Reason));
                }
            }
        }

        return edits;
    }

    internal sealed record Fix(string Rule, int Start, string Before, string After, double Confidence, string Reason);

    /// <summary>"в 1945 г победили" → "г."; "1941–1945 гг" → "гг.": the abbreviation of год after a year takes its period.</summary>
    private static IEnumerable<Fix> YearAbbreviations(string text)
    {
        foreach (Match match in YearWithoutPeriod().Matches(text))
        {
            var abbreviation = match.Groups["abbr"];
            yield return new Fix(RuleYearAbbreviation, abbreviation.Index, abbreviation.Value, abbreviation.Value + ".", 0.95,
                $"\"{abbreviation.Value}\" after a year is an abbreviation and takes a period");
        }
    }

    /// <summary>"в 1945 г. году", "1945 г. года": the abbreviation and the word say the same thing; the word stays.</summary>
    private static IEnumerable<Fix> DoubledYears(string text)
    {
        foreach (Match match in DoubledYear().Matches(text))
        {
            var abbreviation = match.Groups["abbr"];
            var word = match.Groups["word"];
            yield return new Fix(RuleDoubledYear, abbreviation.Index, text[abbreviation.Index..word.Index], string.Empty, 0.95,
                $"\"{abbreviation.Value}\" and \"{word.Value}\" say the same thing: the abbreviation goes");
        }
    }

    private static readonly Dictionary<string, string> DecadeEndings = new(StringComparer.Ordinal)
    {
        ["годы"] = "е", ["годов"] = "х", ["годах"] = "х", ["годам"] = "м", ["годами"] = "ми",
    };

    /// <summary>"в 1920 годы" → "в 1920-е годы": a round year before a plural of год is a decade. Suggested: it may be a count.</summary>
    private static IEnumerable<Fix> Decades(string text)
    {
        foreach (Match match in DecadeAsYear().Matches(text))
        {
            var year = match.Groups["year"];
            var ending = DecadeEndings[match.Groups["word"].Value.ToLowerInvariant()];
            yield return new Fix(RuleDecade, year.Index, year.Value, $"{year.Value}-{ending}", 0.75,
                $"a round year before \"{match.Groups["word"].Value}\" names a decade: {year.Value}-{ending}");
        }
    }

    /// <summary>
    /// A five-digit "year" before г./год (OCR doubled a digit: "19445 г."): suggested as the one year that dropping a
    /// doubled digit gives; never applied on its own.
    /// </summary>
    private static IEnumerable<Fix> ImplausibleYears(string text)
    {
        foreach (Match match in FiveDigitYear().Matches(text))
        {
            var number = match.Groups["year"].Value;
            var readings = Enumerable.Range(1, number.Length - 1)
                .Where(i => number[i] == number[i - 1])
                .Select(i => number.Remove(i, 1))
                .Where(y => int.Parse(y, System.Globalization.CultureInfo.InvariantCulture) is >= 1000 and <= 2100)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (readings is [var year])
            {
                yield return new Fix(RuleImplausibleYear, match.Groups["year"].Index, number, year, 0.6,
                    $"\"{number}\" cannot be a year; with the doubled digit read once it is {year}");
            }
        }
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:1[0-9]{3}|20[0-9]{2})(?:[–—-](?:1[0-9]{3}|20[0-9]{2}))?[ \u00A0]?(?<abbr>гг?)(?![\p{L}\p{N}.])")]
    private static partial Regex YearWithoutPeriod();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:1[0-9]{3}|20[0-9]{2})[ \u00A0]?(?<abbr>г\.)[ \u00A0]+(?<word>год(?:а|у|ом|е)?)(?![\p{L}])")]
    private static partial Regex DoubledYear();

    [GeneratedRegex(@"(?<![\p{L}\p{N}-])(?<year>1[0-9]{2}0|20[0-9]0)[ \u00A0]+(?<word>годы|годов|годах|годам|годами)(?![\p{L}])", RegexOptions.IgnoreCase)]
    private static partial Regex DecadeAsYear();

    [GeneratedRegex(@"(?<![\p{L}\p{N}.,-])(?<year>[12][0-9]{4})[ \u00A0]?(?:гг?\.|год[а-я]*)(?![\p{L}])")]
    private static partial Regex FiveDigitYear();
}

/// <summary>
/// dictionaries/event-names.tsv: fixed names of wars and historical events as they are capitalised (Вторая мировая
/// война, Великая Отечественная война). Found in any case form by their words' lemmas; capitals set as listed.
/// </summary>
public sealed partial class EventNames
{
    private readonly List<(string[] Words, string[] Lemmas)> names;
    private readonly MorphAnalyzer morphology;

    /// <summary>The lemmas a name can open with: a word that has none of them starts no name, and is analysed once.</summary>
    private readonly HashSet<string> openingLemmas;

    /// <summary>Each distinct word's lemmas, analysed once per book (a book repeats its words; the list has ~25 names).</summary>
    private readonly Dictionary<string, string[]> lemmasOf = new(StringComparer.Ordinal);

    private EventNames(List<(string[] Words, string[] Lemmas)> names, MorphAnalyzer morphology)
    {
        this.names = names;
        this.morphology = morphology;
        openingLemmas = names.Select(n => n.Lemmas[0]).ToHashSet(StringComparer.Ordinal);
        openingStarts = names.SelectMany(n => new[] { n.Lemmas[0], n.Words[0] }).Where(w => w.Length >= 2).Select(Start).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The first two letters (lower case, е for ё) of the opening lemmas and words: the forms of the adjectives,
    /// ordinals and nouns names open with keep their lemma's first letters, so a word starting otherwise is not analysed.
    /// </summary>
    private readonly HashSet<string> openingStarts;

    private static string Start(string word) => string.Create(2, word, static (span, w) =>
    {
        span[0] = char.ToLowerInvariant(w[0]) is var a && a == 'ё' ? 'е' : a;
        span[1] = char.ToLowerInvariant(w[1]) is var b && b == 'ё' ? 'е' : b;
    });

    private string[] LemmasOf(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!lemmasOf.TryGetValue(lower, out var lemmas))
        {
            lemmas = morphology.Analyze(lower).Select(p => p.Lemma.Replace('ё', 'е')).Distinct(StringComparer.Ordinal).ToArray();
            lemmasOf[lower] = lemmas;
        }

        return lemmas;
    }

    /// <summary>The project's list; absent (a project without Typeset's dictionaries folder), the rule is skipped with a warning.</summary>
    public static EventNames? ForProject(StageContext context)
    {
        var path = Path.Combine(context.Config.Paths.Dictionaries, EditorialStage.EventNamesFile);
        if (!File.Exists(path))
        {
            context.Warn($"{path}: not found; capitals of event names are not checked (copy it from Typeset's dictionaries/)");
            return null;
        }

        return Load(path, context.Morphology);
    }

    public static EventNames Load(string path, MorphAnalyzer morphology) =>
        new(ReadNames(path).Select(words => (words, words.Select(w => Lemma(w, morphology)).ToArray())).ToList(), morphology);

    /// <summary>The listed names as words; a malformed line stops with the file and line number (exit 2).</summary>
    public static List<string[]> ReadNames(string path)
    {
        var names = new List<string[]>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var name = line.Trim();
            if (name.Length == 0 || name.StartsWith('#'))
            {
                continue;
            }

            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words.Any(w => !w.All(c => char.IsLetter(c) || c == '-')))
            {
                throw new UsageException($"{path}:{number}: expected a name of two or more words, letters and hyphens only (\"{name}\")");
            }

            names.Add(words);
        }

        return names;
    }

    /// <summary>The lemma of a word of a name, its adjective or noun reading first (мировой → мировой, войны → война).</summary>
    private static string Lemma(string word, MorphAnalyzer morphology)
    {
        var parses = morphology.Analyze(word.ToLowerInvariant());
        var parse = parses.FirstOrDefault(p => p.Tag.PartOfSpeech is Grammeme.Adjf or Grammeme.Noun) ?? parses[0];
        return parse.Lemma.Replace('ё', 'е');
    }

    internal IEnumerable<EditorialStage.Fix> Find(string text)
    {
        var words = WordPattern().Matches(text).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Value.Length < 2 || !openingStarts.Contains(Start(words[i].Value)) ||
                (!LemmasOf(words[i].Value).Any(openingLemmas.Contains) && !names.Any(n => words[i].Value.Equals(n.Words[0], StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            foreach (var (listed, lemmas) in names)
            {
                if (i + listed.Length > words.Count || !Adjacent(text, words, i, listed.Length))
                {
                    continue;
                }

                var matches = true;
                for (var k = 0; k < listed.Length && matches; k++)
                {
                    var word = words[i + k].Value;
                    matches = word.Equals(listed[k], StringComparison.OrdinalIgnoreCase)
                        || LemmasOf(word).Contains(lemmas[k], StringComparer.Ordinal);
                }

                if (!matches)
                {
                    continue;
                }

                for (var k = 0; k < listed.Length; k++)
                {
                    var word = words[i + k];
                    var wanted = char.IsUpper(listed[k][0]) ? char.ToUpperInvariant(word.Value[0]) + word.Value[1..] : char.ToLowerInvariant(word.Value[0]) + word.Value[1..];
                    // The first word of a sentence keeps its capital whatever the list says.
                    if (wanted != word.Value && !(k == 0 && char.IsUpper(word.Value[0]) && SentenceStart(text, word.Index)))
                    {
                        yield return new EditorialStage.Fix(EditorialStage.RuleEventCapitals, word.Index, word.Value, wanted, 0.92,
                            $"the fixed name \"{string.Join(' ', listed)}\" is capitalised so");
                    }
                }
            }
        }
    }

    private static bool Adjacent(string text, List<Match> words, int first, int count)
    {
        for (var k = first; k < first + count - 1; k++)
        {
            var between = text[(words[k].Index + words[k].Length)..words[k + 1].Index];
            if (between.Trim(' ', '\u00A0', '\n').Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SentenceStart(string text, int index)
    {
        var before = text[..index].TrimEnd(' ', '\u00A0', '\n', '«', '„', '"', '(');
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or '…' or '—';
    }

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)*")]
    private static partial Regex WordPattern();
}
