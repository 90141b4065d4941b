using Typeset.Model;
using Typeset.Publishing.Layout;

namespace Typeset.Publishing.Epub;

/// <summary>
/// The book's cover: the image the project names (made to fit like any other image), or one drawn from the metadata.
/// It gets its own page, first in the spine, so readers that ignore the cover-image property still open on it.
/// </summary>
internal static class CoverPlan
{
    public const string PageFileName = "cover.xhtml";
    public const string PageManifestId = "cover-page";

    /// <summary>The cover image (manifest id "cover-image"), or null when none can be made; every fallback is warned.</summary>
    public static EpubImage? Create(BookMeta meta, string? coverPath, FontResolver fonts, List<BookWarning> warnings)
    {
        if (coverPath is not null)
        {
            if (Given(coverPath, warnings) is { } given)
            {
                return given;
            }
        }

        try
        {
            return new EpubImage("cover-image.jpg", "image/jpeg", CoverRenderer.Render(meta, fonts));
        }
        catch (FontNotFoundException exception)
        {
            warnings.Add(BookWarning.General($"No cover: the cover is drawn in PT Serif and PT Sans ({exception.Message})."));
            return null;
        }
    }

    private static EpubImage? Given(string path, List<BookWarning> warnings)
    {
        if (!File.Exists(path))
        {
            warnings.Add(BookWarning.General($"Cover image {path} not found; a cover is drawn from the book's metadata instead."));
            return null;
        }

        var encoded = ImagePlan.Encode(File.ReadAllBytes(path), path);
        if (encoded is null)
        {
            warnings.Add(BookWarning.General($"Cover image {path} is not a readable PNG, JPEG, GIF, SVG or WebP; a cover is drawn from the book's metadata instead."));
            return null;
        }

        return EpubImage.Named($"cover-image.{encoded.Extension}", encoded);
    }
}
