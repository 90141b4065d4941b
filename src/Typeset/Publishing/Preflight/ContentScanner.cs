using System.Buffers.Text;

namespace Typeset.Publishing.Preflight;

/// <summary>An operand of a content-stream operator, as far as the preflight needs it: a number, a name, or anything else.</summary>
internal readonly record struct ContentOperand(double Number, string? Name, bool IsNumber)
{
    public static readonly ContentOperand Other = new(0, null, false);
}

internal delegate void ContentOperatorHandler(ReadOnlySpan<byte> name, List<ContentOperand> operands);

/// <summary>
/// A light lexer of PDF content streams (ISO 32000-1 §7.8.2): it reports each operator with its numeric and name
/// operands and steps over strings, arrays, dictionaries, comments and inline images without building anything —
/// the preflight needs colours, text-showing operators, the matrix and image placements, not glyphs or letters
/// (PdfPig's pages build every letter: twice the pdf stage's CPU on a 345-page book).
/// </summary>
internal static class ContentScanner
{
    public static void Scan(ReadOnlySpan<byte> data, ContentOperatorHandler handler)
    {
        var operands = new List<ContentOperand>(8);
        var i = 0;
        while (i < data.Length)
        {
            var c = data[i];
            if (IsWhite(c))
            {
                i++;
            }
            else if (c == '%')
            {
                while (i < data.Length && data[i] != '\n' && data[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                i = SkipLiteralString(data, i);
                operands.Add(ContentOperand.Other);
            }
            else if (c == '<')
            {
                i = i + 1 < data.Length && data[i + 1] == '<' ? SkipDictionary(data, i) : SkipPast(data, i, (byte)'>');
                operands.Add(ContentOperand.Other);
            }
            else if (c is (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'>' or (byte)')')
            {
                // Array brackets: the numbers inside a TJ array are operands of no interest, dropped at the operator.
                i++;
            }
            else if (c == '/')
            {
                var start = ++i;
                i = TokenEnd(data, i);
                operands.Add(new ContentOperand(0, System.Text.Encoding.ASCII.GetString(data[start..i]), false));
            }
            else if (c is (byte)'+' or (byte)'-' or (byte)'.' || (c >= '0' && c <= '9'))
            {
                var start = i;
                i = TokenEnd(data, i + 1);
                operands.Add(Utf8Parser.TryParse(data[start..i], out double number, out _) ? new ContentOperand(number, null, true) : ContentOperand.Other);
            }
            else
            {
                var start = i;
                i = TokenEnd(data, i + 1);
                var name = data[start..i];
                if (name.SequenceEqual("BI"u8))
                {
                    i = SkipInlineImage(data, i);
                    operands.Clear();
                    continue;
                }
                else if (!name.SequenceEqual("true"u8) && !name.SequenceEqual("false"u8) && !name.SequenceEqual("null"u8))
                {
                    handler(name, operands);
                    operands.Clear();
                    continue;
                }

                operands.Add(ContentOperand.Other);
            }
        }
    }

    private static bool IsWhite(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsDelimiter(byte c) => IsWhite(c) || c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static int TokenEnd(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length && !IsDelimiter(data[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipPast(ReadOnlySpan<byte> data, int i, byte end)
    {
        var found = data[i..].IndexOf(end);
        return found < 0 ? data.Length : i + found + 1;
    }

    /// <summary>A literal string: balanced parentheses, backslash escapes.</summary>
    private static int SkipLiteralString(ReadOnlySpan<byte> data, int i)
    {
        var depth = 0;
        for (; i < data.Length; i++)
        {
            switch (data[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return data.Length;
    }

    /// <summary>A dictionary (a marked-content property list): nested dictionaries and strings inside it skipped whole.</summary>
    private static int SkipDictionary(ReadOnlySpan<byte> data, int i)
    {
        var depth = 0;
        while (i < data.Length)
        {
            if (data[i] == '(')
            {
                i = SkipLiteralString(data, i);
            }
            else if (data[i] == '<' && i + 1 < data.Length && data[i + 1] == '<')
            {
                depth++;
                i += 2;
            }
            else if (data[i] == '>' && i + 1 < data.Length && data[i + 1] == '>')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return data.Length;
    }

    /// <summary>BI … ID binary data EI: the data ends at an EI standing between white space (or the stream's end).</summary>
    private static int SkipInlineImage(ReadOnlySpan<byte> data, int i)
    {
        var id = data[i..].IndexOf("ID"u8);
        if (id < 0)
        {
            return data.Length;
        }

        for (var k = i + id + 3; k + 1 < data.Length; k++)
        {
            if (data[k] == 'E' && data[k + 1] == 'I' && IsWhite(data[k - 1]) && (k + 2 == data.Length || IsWhite(data[k + 2])))
            {
                return k + 2;
            }
        }

        return data.Length;
    }
}
