namespace Typeset.Morphology.Units;

/// <summary>Tokens recognised by their shape alone (pymorphy2's by_shape): the token is its own lemma and lexeme.</summary>
internal abstract class ShapeUnit(MorphAnalyzer analyzer, ParseMethod method) : IAnalyzerUnit
{
    private static readonly FixedOrigin Fixed = new();

    public bool AcceptsLongTokens => true;

    public void Parse(AnalysisContext context)
    {
        if (Shape(context.Word) is { } tag)
        {
            context.Results.Add(new WordParse(analyzer, context.Lower, tag, 0.9, method, Fixed));
        }
    }

    protected abstract Tag? Shape(string token);
}

/// <summary>Integers (NUMB,intg) and decimals with a point or comma (NUMB,real): 1945, -3, 12,5.</summary>
internal sealed class NumberUnit(MorphAnalyzer analyzer) : ShapeUnit(analyzer, ParseMethod.Number)
{
    private static readonly Tag Integer = new(Grammeme.Numb, Grammeme.Intg);
    private static readonly Tag Real = new(Grammeme.Numb, Grammeme.Real);

    protected override Tag? Shape(string token)
    {
        var digits = token.AsSpan(token.Length > 1 && token[0] is '-' or '+' or '−' ? 1 : 0);
        if (digits.IsEmpty)
        {
            return null;
        }

        var separator = digits.IndexOfAny('.', ',');
        if (separator < 0)
        {
            return digits.ContainsAnyExceptInRange('0', '9') ? null : Integer;
        }

        var whole = digits[..separator];
        var fraction = digits[(separator + 1)..];
        return whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9') || whole.Length + fraction.Length == 0 ? null : Real;
    }
}

/// <summary>Punctuation only (PNCT): every character that is not a space is Unicode punctuation.</summary>
internal sealed class PunctuationUnit(MorphAnalyzer analyzer) : ShapeUnit(analyzer, ParseMethod.Punctuation)
{
    private static readonly Tag Punctuation = new(Grammeme.Pnct);

    protected override Tag? Shape(string token)
    {
        var found = false;
        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsPunctuation(c))
            {
                return null;
            }

            found = true;
        }

        return found ? Punctuation : null;
    }
}

/// <summary>Roman numbers (ROMN) up to MMMMCMXCIX, either case, as pymorphy2's regular expression.</summary>
internal sealed class RomanNumberUnit(MorphAnalyzer analyzer) : ShapeUnit(analyzer, ParseMethod.RomanNumber)
{
    private static readonly Tag Roman = new(Grammeme.Romn);

    protected override Tag? Shape(string token) => token.Length > 0 && IsRoman(token.ToUpperInvariant()) ? Roman : null;

    private static bool IsRoman(ReadOnlySpan<char> s)
    {
        var i = Repeat(s, 0, 'M', 4);
        i = Digit(s, i, 'C', 'D', 'M');
        i = Digit(s, i, 'X', 'L', 'C');
        i = Digit(s, i, 'I', 'V', 'X');
        return i == s.Length;
    }

    /// <summary>One decimal digit in Roman letters: nine (one-ten), four (one-five), or an optional five and up to three ones.</summary>
    private static int Digit(ReadOnlySpan<char> s, int i, char one, char five, char ten)
    {
        if (i + 1 < s.Length && s[i] == one && (s[i + 1] == ten || s[i + 1] == five))
        {
            return i + 2;
        }

        if (i < s.Length && s[i] == five)
        {
            i++;
        }

        return Repeat(s, i, one, 3);
    }

    private static int Repeat(ReadOnlySpan<char> s, int i, char letter, int max)
    {
        for (var n = 0; n < max && i < s.Length && s[i] == letter; n++)
        {
            i++;
        }

        return i;
    }
}

/// <summary>Latin words (LATN): at least one letter, and every letter Latin (pdf, Foo, 123-FOO, café).</summary>
internal sealed class LatinUnit(MorphAnalyzer analyzer) : ShapeUnit(analyzer, ParseMethod.Latin)
{
    private static readonly Tag Latin = new(Grammeme.Latn);

    protected override Tag? Shape(string token)
    {
        var found = false;
        foreach (var c in token)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (!IsLatinLetter(c))
            {
                return null;
            }

            found = true;
        }

        return found ? Latin : null;
    }

    /// <summary>Letters of the Latin blocks (those whose Unicode names say LATIN, as pymorphy2 checks).</summary>
    private static bool IsLatinLetter(char c) =>
        char.IsAsciiLetter(c)
        || c is >= '\u00C0' and <= '\u02AF' && c is not '\u00D7' and not '\u00F7'
        || c is >= '\u1E00' and <= '\u1EFF' or >= '\u2C60' and <= '\u2C7F' or >= '\uA720' and <= '\uA7FF' or >= '\uAB30' and <= '\uAB6F'
        || c is >= '\uFB00' and <= '\uFB06' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A';
}

/// <summary>What nothing else could read (UNKN), so every token has at least one parse.</summary>
internal sealed class UnknownUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private static readonly Tag Unknown = new(Grammeme.Unkn);
    private static readonly FixedOrigin Fixed = new();

    public bool AcceptsLongTokens => true;

    public void Parse(AnalysisContext context)
    {
        if (context.Results.Count == 0)
        {
            context.Results.Add(new WordParse(analyzer, context.Lower, Unknown, 1.0, ParseMethod.Unknown, Fixed));
        }
    }
}
