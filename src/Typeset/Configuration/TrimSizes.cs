using System.Globalization;
using System.Text.RegularExpressions;

namespace Typeset.Configuration;

/// <summary>Named trim sizes (ISO and the Russian "paper format / fraction" names) and custom WIDTHxHEIGHT in mm.</summary>
public static partial class TrimSizes
{
    private static readonly Dictionary<string, (double Width, double Height)> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A4"] = (210, 297),
        ["A5"] = (148, 210),
        ["A6"] = (105, 148),
        ["B5"] = (176, 250),
        ["60x90/16"] = (145, 215),
        ["70x100/16"] = (170, 240),
        ["84x108/16"] = (205, 260),
        ["84x108/32"] = (130, 200),
        ["70x90/32"] = (107, 165),
        ["75x90/32"] = (107, 170),
    };

    public static IEnumerable<string> Names => Named.Keys;

    public static bool TryParse(string text, out double widthMm, out double heightMm)
    {
        if (Named.TryGetValue(text.Replace('×', 'x'), out var size))
        {
            (widthMm, heightMm) = size;
            return true;
        }

        var match = CustomPattern().Match(text);
        if (match.Success &&
            double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out widthMm) &&
            double.TryParse(match.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out heightMm) &&
            widthMm is >= 50 and <= 500 && heightMm is >= 50 and <= 700)
        {
            return true;
        }

        widthMm = heightMm = 0;
        return false;
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CustomPattern();
}
