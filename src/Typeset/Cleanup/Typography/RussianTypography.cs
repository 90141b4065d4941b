using System.Text.RegularExpressions;

namespace Typeset.Cleanup.Typography;

/// <summary>
/// The rules of Russian book typography (after Мильчин, «Справочник издателя и автора»): guillemets with „лапки“
/// inside, an em dash with a no-break space before it, an en dash in number ranges, no-break spaces after short words,
/// in initials and between a number and its abbreviation, "гг." after a range of years, the ellipsis character.
/// Each rule finds only the characters it changes, so rules never overlap.
/// </summary>
public static partial class RussianTypography
{
    public const char Nbsp = '\u00A0';

    public const string LineBreaksRule = "typography.line-breaks";

    public static IReadOnlyList<TypographyRule> Rules { get; } =
    [
        new("typography.quotes", "quotes", Quotes),
        new("typography.dash", "dashes", Dashes),
        new("typography.number-range", "numberRanges", NumberRanges),
        new("typography.years-plural", "yearsPlural", YearsPlural),
        new("typography.nbsp-short-words", "nbsp", ShortWords),
        new("typography.nbsp-abbreviations", "nbsp", Abbreviations),
        new("typography.nbsp-initials", "initials", Initials),
        new("typography.ellipsis", "ellipsis", Ellipsis),
        new("typography.spaces", "spaces", Spaces),
        new(LineBreaksRule, "spaces", LineBreaks),
    ];

    /// <summary>
    /// Pairs quotes by the characters around them and sets «» outside, „“ inside. A paragraph whose quotes do not pair
    /// (a quote glued between two characters, or one left open) is only suggested: OCR may have lost one.
    /// </summary>
    private static IEnumerable<TypographyFix> Quotes(string text)
    {
        var fixes = new List<TypographyFix>();
        var depth = 0;
        var balanced = true;
        var lastQuote = -2;
        var lastQuoteOpened = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('"' or '«' or '»' or '„' or '“' or '”'))
            {
                continue;
            }

            var before = i == 0 ? ' ' : text[i - 1];
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            bool opening;
            if (c is '«' or '„')
            {
                opening = true;
            }
            else if (c is '»')
            {
                opening = false;
            }
            else if (i > 0 && lastQuote == i - 1)
            {
                // A quote right after another continues it: ""эрой"" closes twice, ""«" opens twice.
                opening = lastQuoteOpened;
            }
            else
            {
                var spaceBefore = char.IsWhiteSpace(before) || before is '(' or '[' or '—' or '–' or '*';
                var spaceAfter = char.IsWhiteSpace(after) || char.IsPunctuation(after) || after == '*';
                if (spaceBefore == spaceAfter)
                {
                    // "(100)"1945"" or a lone quote: no way to tell an opening quote from a closing one.
                    balanced = false;
                    break;
                }

                opening = spaceBefore;
            }

            if (!opening && depth == 0)
            {
                balanced = false;
                break;
            }

            lastQuote = i;
            lastQuoteOpened = opening;
            var level = opening ? depth++ : --depth;
            var wanted = (opening, level) switch
            {
                (true, 0) => '«',
                (false, 0) => '»',
                (true, _) => '„',
                (false, _) => '“',
            };
            if (wanted != c)
            {
                fixes.Add(new TypographyFix(i, c.ToString(), wanted.ToString(), 0.97, level == 0 ? "Russian quotes are «ёлочки»" : "quotes inside quotes are „лапки“"));
            }
        }

        if (!balanced || depth != 0)
        {
            return fixes.Select(f => f with { Confidence = 0.5, Reason = f.Reason + "; the paragraph's quotes do not pair, check them" });
        }

        return fixes;
    }

    /// <summary>A hyphen or en dash between words is a sentence dash: em dash, no-break space before, space after.</summary>
    private static IEnumerable<TypographyFix> Dashes(string text)
    {
        foreach (Match match in SpacedDash().Matches(text))
        {
            var left = text[match.Index - 1];
            var right = text[match.Index + match.Length];
            var dash = match.Groups["dash"];
            if (char.IsDigit(left) && char.IsDigit(right))
            {
                continue; // "1941 – 1945" is a range: the number-range rule sets it.
            }

            var wanted = Nbsp + "— ";
            if (match.Value != wanted)
            {
                yield return new TypographyFix(match.Index, match.Value, wanted, dash.Value == "—" ? 0.99 : 0.97,
                    "a dash between words is an em dash with a no-break space before it");
            }
        }

        if (LeadingDash().Match(text) is { Success: true } leading && leading.Value != "— ")
        {
            yield return new TypographyFix(0, leading.Value, "— ", 0.95, "a dash opening a line of dialogue is an em dash");
        }
    }

    private static IEnumerable<TypographyFix> NumberRanges(string text)
    {
        foreach (Match match in NumberRange().Matches(text))
        {
            var dash = match.Groups["dash"];
            if (dash.Value != "–")
            {
                yield return new TypographyFix(dash.Index, dash.Value, "–", 0.95, "a range of numbers takes an en dash without spaces");
            }
        }
    }

    private static IEnumerable<TypographyFix> YearsPlural(string text)
    {
        foreach (Match match in YearRangeSingular().Matches(text))
        {
            var year = match.Groups["abbr"];
            yield return new TypographyFix(year.Index, year.Value, year.Value == "г." ? "гг." : "вв.", 0.95, "a range of years or centuries takes the plural abbreviation");
        }
    }

    private static IEnumerable<TypographyFix> ShortWords(string text)
    {
        foreach (Match match in ShortWordSpace().Matches(text))
        {
            var space = match.Groups["space"];
            yield return new TypographyFix(space.Index, space.Value, Nbsp.ToString(), 0.99, "a one- or two-letter word is not left at a line end");
        }
    }

    private static IEnumerable<TypographyFix> Abbreviations(string text)
    {
        foreach (Match match in AbbreviationSpace().Matches(text))
        {
            yield return new TypographyFix(match.Index, match.Value, Nbsp.ToString(), 0.99, "a number is not separated from its abbreviation or sign");
        }
    }

    /// <summary>"Новиков М.В." and "М.В. Коломиец": the initials after a surname are read first, so they are never bound to the next word.</summary>
    private static IEnumerable<TypographyFix> Initials(string text)
    {
        var fixes = new List<TypographyFix>();
        foreach (Match match in InitialsAfterName().Matches(text))
        {
            // "Главнокомандующего И.В. Сталина": with a capitalised word on both sides, bind the initials to both.
            var wanted = Nbsp + match.Groups["first"].Value + "." + Nbsp + match.Groups["second"].Value + "." + (match.Groups["tail"].Success ? Nbsp.ToString() : string.Empty);
            if (match.Value != wanted)
            {
                fixes.Add(new TypographyFix(match.Index, match.Value, wanted, 0.95, "initials are spaced and bound to the surname by no-break spaces"));
            }
        }

        var taken = InitialsAfterName().Matches(text).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        foreach (Match match in InitialsBeforeName().Matches(text))
        {
            if (taken.Any(span => match.Index < span.End && match.Index + match.Length > span.Index))
            {
                continue;
            }

            var wanted = match.Groups["first"].Value + "." + Nbsp + (match.Groups["second"].Success ? match.Groups["second"].Value + "." + Nbsp : string.Empty);
            if (match.Value != wanted)
            {
                fixes.Add(new TypographyFix(match.Index, match.Value, wanted, match.Groups["second"].Success ? 0.97 : 0.9,
                    "initials are spaced and bound to the surname by no-break spaces"));
            }
        }

        return fixes;
    }

    private static IEnumerable<TypographyFix> Ellipsis(string text)
    {
        foreach (Match match in ThreeDots().Matches(text))
        {
            yield return new TypographyFix(match.Index, match.Value, "…", 0.98, "three dots are the ellipsis character");
        }
    }

    private static IEnumerable<TypographyFix> Spaces(string text)
    {
        foreach (Match match in RepeatedSpaces().Matches(text))
        {
            yield return new TypographyFix(match.Index, match.Value, " ", 0.99, "one space between words");
        }

        foreach (Match match in SpaceBeforePunctuation().Matches(text))
        {
            yield return new TypographyFix(match.Index, match.Value, string.Empty, 0.95, "no space before a comma or a full stop");
        }
    }

    [GeneratedRegex(@"(?<=[\p{L}\p{N}\p{Pe}\p{Pf}»*,.!?…])[ \u00A0]{1,2}(?<dash>-{1,2}|–|—) (?=[\p{L}\p{N}«„(*\[])")]
    private static partial Regex SpacedDash();

    /// <summary>A dash opening the text; the Markdown escapes a leading hyphen (<c>\-</c>) so it does not start a list.</summary>
    [GeneratedRegex(@"^\\?(?:-{1,2}|–) (?=\p{L})")]
    private static partial Regex LeadingDash();

    [GeneratedRegex(@"(?<![\p{L}\d\-–./])\d{1,4}(?<dash>-|—| ?– ?| - )\d{1,4}(?![\d\-–/]|[.,]\d)")]
    private static partial Regex NumberRange();

    [GeneratedRegex(@"(?:\d{3,4}|[IVXLC]+)(?:–|-)(?:\d{2,4}|[IVXLC]+)(?:-е|-х)?[ \u00A0](?<abbr>г\.|в\.)(?!\p{L})")]
    private static partial Regex YearRangeSingular();

    [GeneratedRegex(@"(?<![\p{L}\p{N}\-.\u0301])(?!(?:же|ли|бы|ль|б|ж)(?![\p{L}]))[\p{IsCyrillic}]{1,2}(?<space> )(?=[\p{L}\p{N}«„(№])")]
    private static partial Regex ShortWordSpace();

    [GeneratedRegex(@"(?<=\d(?:-[ех])?) (?=(?:гг?\.|вв?\.|тыс\.|млн|млрд|руб\.|коп\.|км|см|мм|кг|чел\.|экз\.|%)(?!\p{L}))|(?<=(?<![\p{L}])[IVXLC]+) (?=вв?\.)|(?<=№) (?=\d)|(?<=(?<![\p{L}])[тТ]\.) (?=[епдкн]\.)|(?<=(?<![\p{L}])[СсТт]\.) (?=\d)")]
    private static partial Regex AbbreviationSpace();

    [GeneratedRegex(@"(?<![\p{L}.])(?<first>\p{Lu})\.[ \u00A0]?(?:(?<second>\p{Lu})\.[ \u00A0]?)?(?=\p{Lu}\p{Ll}{2,})")]
    private static partial Regex InitialsBeforeName();

    [GeneratedRegex(@"(?<=\p{Lu}\p{Ll}{2,})[ \u00A0](?<first>\p{Lu})\.[ \u00A0]?(?<second>\p{Lu})\.(?!\p{L})(?<tail>[ \u00A0](?=\p{Lu}\p{Ll}{2,}))?")]
    private static partial Regex InitialsAfterName();

    /// <summary>
    /// The scan's line ends inside a paragraph, once dehyphenation has decided the hyphenated ones, are spaces; a line
    /// still ending in a hyphen is left for the editor, and tabular text (a contents list) keeps its lines.
    /// </summary>
    private static IEnumerable<TypographyFix> LineBreaks(string text)
    {
        if (text.Contains('\t', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (Match match in SoftLineBreak().Matches(text))
        {
            yield return new TypographyFix(match.Index, match.Value, " ", 0.99, "a line end of the scan inside a paragraph is a space");
        }
    }

    [GeneratedRegex(@"(?<=[^\\\-\u00AD\u2010\n])\n(?=\S)")]
    private static partial Regex SoftLineBreak();

    [GeneratedRegex(@"(?<!\.)\.\.\.(?!\.)")]
    private static partial Regex ThreeDots();

    [GeneratedRegex(@"(?<=\S) {2,}(?=\S)")]
    private static partial Regex RepeatedSpaces();

    // Not before ":" and ";": bibliographic descriptions (ГОСТ 7.1) set " : " and " ; " with spaces.
    [GeneratedRegex(@"(?<=[\p{L}\p{N}»)]) +(?=[,.](?:\s|$))")]
    private static partial Regex SpaceBeforePunctuation();
}
