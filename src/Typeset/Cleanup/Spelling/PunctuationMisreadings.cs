using System.Text.RegularExpressions;
using Typeset.Morphology;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// A comma OCR read as a full stop (its tail lost to a light or blurred scan): a period followed by a lower-case word
/// inside a sentence. Russian never opens a sentence in lower case, so after a full word — not an abbreviation
/// (т. е., см., млн.), an initial, a number or an ellipsis — such a period is a misreading. What it misread is
/// decided by evidence, never guessed: where the book (or the page) shows the habit — such periods are a sizeable
/// share of its commas, as when a face or a scan makes Tesseract lose the comma's tail throughout — each one is a
/// comma; elsewhere a period is a speck as often as a comma, and only one before a word that always takes a comma
/// before it mid-sentence (что, который, но, если…) is suggested as one.
/// </summary>
public sealed partial class PunctuationMisreadings
{
    /// <summary>In correct Russian and in OCR that reads commas right these periods are under 4 % of the commas (the dev split's books: 0.3–3.7 %).</summary>
    private const double HabitShare = 0.15;

    /// <summary>So few periods say nothing about a habit.</summary>
    private const int HabitEvidence = 8;

    /// <summary>A page shows the habit on its own with fewer sites and a larger share.</summary>
    private const int PageHabitEvidence = 4;

    private const double PageHabitShare = 0.3;

    /// <summary>Words a comma always stands before inside a sentence: subordinating conjunctions, relative words, adversative conjunctions.</summary>
    private static readonly HashSet<string> CommaWords = new(StringComparer.Ordinal)
    {
        "что", "чтобы", "который", "которая", "которое", "которые", "которого", "которой", "которому", "которым", "котором",
        "которую", "которыми", "которых", "где", "куда", "откуда", "когда", "если", "хотя", "поскольку", "будто", "словно",
        "но", "однако", "зато", "потому", "чем", "пока", "чей", "чья", "чьё", "чьи",
    };

    private readonly Lexicon lexicon;
    private readonly Dictionary<string, bool> fullWords = new(StringComparer.Ordinal);
    private readonly (int Sites, int Commas) book;
    private readonly Dictionary<int, (int Sites, int Commas)> pages = [];

    /// <summary>Counts, over the whole book, the periods before a lower-case word and the commas between words.</summary>
    public PunctuationMisreadings(Lexicon lexicon, IEnumerable<(int? Page, string Text)> parts)
    {
        this.lexicon = lexicon;
        foreach (var (page, text) in parts)
        {
            var sites = Sites(text).Count();
            var commas = CommaBetweenWords().Count(text);
            book = (book.Sites + sites, book.Commas + commas);
            if (page is { } p)
            {
                var seen = pages.GetValueOrDefault(p);
                pages[p] = (seen.Sites + sites, seen.Commas + commas);
            }
        }
    }

    public sealed record Finding(int Start, double Confidence, string Reason);

    /// <summary>The periods in <paramref name="text"/> that stand for commas, each with how sure the evidence makes it.</summary>
    public IEnumerable<Finding> Find(string text, int? page)
    {
        var bookHabit = Habit(book, HabitEvidence, HabitShare);
        var pageHabit = page is { } p && pages.TryGetValue(p, out var onPage) && Habit(onPage, PageHabitEvidence, PageHabitShare);
        foreach (var site in Sites(text))
        {
            var next = site.Next.ToLowerInvariant();
            if (bookHabit || pageHabit)
            {
                var where = bookHabit ? $"the book reads {book.Sites} periods before a lower-case word against {book.Commas} commas" : "this page reads many periods before a lower-case word";
                yield return new Finding(site.Period, 0.93, $"a comma read as a full stop: no sentence opens in lower case, and {where}");
            }
            else if (CommaWords.Contains(next))
            {
                yield return new Finding(site.Period, 0.8, $"a comma read as a full stop? No sentence opens in lower case, and \"{next}\" takes a comma before it");
            }
        }
    }

    private static bool Habit((int Sites, int Commas) counts, int evidence, double share) =>
        counts.Sites >= evidence && counts.Sites >= share * (counts.Sites + counts.Commas);

    /// <summary>Periods after a full word (not an abbreviation, an initial, a number) and before a lower-case Russian word.</summary>
    private IEnumerable<(int Period, string Next)> Sites(string text)
    {
        foreach (Match match in PeriodBeforeLowerCase().Matches(text))
        {
            var word = match.Groups["word"].Value;
            if (IsFullWord(word) && !AfterNumber(text, match.Index))
            {
                yield return (match.Groups["period"].Index, match.Groups["next"].Value);
            }
        }
    }

    /// <summary>A word the dictionary knows in lower case and never as an abbreviation (млн, англ, рис, мин stay abbreviations).</summary>
    private bool IsFullWord(string word)
    {
        if (!fullWords.TryGetValue(word, out var full))
        {
            var lower = word.ToLowerInvariant();
            full = word.Length >= 2 && !(word.Length > 1 && word.All(char.IsUpper)) && lexicon.IsWord(lower) &&
                   !lexicon.Morphology.Analyze(lower).Any(p => p.IsKnown && p.Tag.Has(Grammeme.Abbr)) &&
                   !UnitOrReference().IsMatch(lower);
            fullWords[word] = full;
        }

        return full;
    }

    /// <summary>A unit after a number (20 мин. спустя, 5 час. утра) is an abbreviation even when it spells a word.</summary>
    private static bool AfterNumber(string text, int wordStart)
    {
        var i = wordStart - 1;
        while (i >= 0 && text[i] is ' ' or '\u00A0' or '\n')
        {
            i--;
        }

        return i >= 0 && char.IsDigit(text[i]);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}.\-'’])(?<word>\p{L}+)(?<period>\.)(?=[ \u00A0]*\n?[ \u00A0]*(?<next>[а-яё][а-яё-]*)(?![\p{L}\p{N})]|\.[\p{L}\p{N}]))")]
    private static partial Regex PeriodBeforeLowerCase();

    [GeneratedRegex(@"(?<=\p{L}),(?=[ \u00A0\n]+\p{L})")]
    private static partial Regex CommaBetweenWords();

    /// <summary>Abbreviations that are also words: рис(унок), мин(ута), сек(унда), стр(аница), гл(ава), том, кол(ичество)…</summary>
    [GeneratedRegex(@"^(?:рис|мин|сек|час|стр|гл|табл|прим|ср|см|тыс|млн|млрд|руб|коп|долл|ок|св|им|ул|пер|изд|ред|вып|ст|кн|ч|т|с|г|гг|в|вв|д|др|пр|п|пп|н|э|нед|мес|кг|км|см|мм|гр|л|акад|проф|доц|нач|зам|ген|полк|кап|лейт|тов|г-н|г-жа|гос|обл|р|оз|пос|дер|хим|физ|мат|лат|греч|нем|франц|англ|итал|исп|букв|сокр|напр|т\.е|вост|зап|сев|юж)$")]
    private static partial Regex UnitOrReference();
}
