using System.Text;
using System.Xml;

namespace Typeset.Publishing.Epub;

internal static class XmlText
{
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    public const string OpsNamespace = "http://www.idpf.org/2007/ops";

    public static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineChars = "\n",
        CloseOutput = false,
    };

    public static readonly XmlWriterSettings IndentedWriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineChars = "\n",
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
    };

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF); OCR text has them.</summary>
    public static string Clean(string text)
    {
        var firstInvalid = FirstInvalidIndex(text);
        if (firstInvalid < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstInvalid);
        for (var i = firstInvalid; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Collapses runs of spaces and line ends to one space and trims (no-break spaces stay): for titles and nav labels.</summary>
    public static string CollapseWhitespace(string text) =>
        string.Join(' ', Clean(text).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static int FirstInvalidIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
