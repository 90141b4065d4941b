using Typeset.Publishing.Layout;

using Typeset.Model;

namespace Typeset.Publishing.Epub;

/// <summary>A font file stored as OEBPS/fonts/<see cref="FileName"/> and declared with @font-face.</summary>
internal sealed record EpubFont(string FileName, FontVariant Variant, byte[] Content)
{
    public string ManifestId => Path.GetFileNameWithoutExtension(FileName);

    public string CssWeight => Variant is FontVariant.Bold or FontVariant.BoldItalic ? "bold" : "normal";

    public string CssStyle => Variant is FontVariant.Italic or FontVariant.BoldItalic ? "italic" : "normal";
}

/// <summary>PT Serif in its four faces, for <c>embedFonts</c>: the book then looks the same on every reader (the font is under the OFL, which allows embedding).</summary>
internal static class EmbeddedFonts
{
    public const string Family = "PT Serif";

    // EPUB 3.2 lists font/ttf as the core type; epubcheck 4.2.6 accepts it without a message.
    public const string MediaType = "font/ttf";

    private static readonly (FontVariant Variant, string FileName)[] Faces =
    [
        (FontVariant.Regular, "pt-serif-regular.ttf"),
        (FontVariant.Italic, "pt-serif-italic.ttf"),
        (FontVariant.Bold, "pt-serif-bold.ttf"),
        (FontVariant.BoldItalic, "pt-serif-bold-italic.ttf"),
    ];

    /// <summary>The four faces, or none (with a warning) when PT Serif is not installed.</summary>
    public static IReadOnlyList<EpubFont> Load(FontResolver fonts, List<BookWarning> warnings)
    {
        try
        {
            return Faces.Select(face => new EpubFont(face.FileName, face.Variant, File.ReadAllBytes(fonts.Resolve(Family, face.Variant)))).ToList();
        }
        catch (FontNotFoundException exception)
        {
            warnings.Add(BookWarning.General($"Fonts not embedded: {exception.Message}."));
            return [];
        }
    }
}
