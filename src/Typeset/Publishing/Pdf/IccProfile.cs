using System.Buffers.Binary;
using System.Text;

namespace Typeset.Publishing.Pdf;

/// <summary>What the finisher needs to know of an ICC profile: that it characterises a CMYK printer, and its description.</summary>
internal static class IccProfile
{
    /// <summary>Null when <paramref name="profile"/> is an ICC output profile for CMYK; else what is wrong with it.</summary>
    public static string? Check(ReadOnlySpan<byte> profile)
    {
        if (profile.Length < 132 || !profile.Slice(36, 4).SequenceEqual("acsp"u8))
        {
            return "is not an ICC profile";
        }

        if (!profile.Slice(16, 4).SequenceEqual("CMYK"u8))
        {
            return $"describes {Encoding.ASCII.GetString(profile.Slice(16, 4)).Trim()}, not CMYK";
        }

        return profile.Slice(12, 4).SequenceEqual("prtr"u8) ? null : "is not an output (printer) profile";
    }

    /// <summary>The profile's 'desc' tag (ICC v2 text description or v4 multi-localised text), or null.</summary>
    public static string? Description(ReadOnlySpan<byte> profile)
    {
        if (profile.Length < 132)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(profile[128..]);
        for (var i = 0; i < count && 132 + (i + 1) * 12 <= profile.Length; i++)
        {
            var entry = profile.Slice(132 + i * 12, 12);
            if (!entry[..4].SequenceEqual("desc"u8))
            {
                continue;
            }

            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            if (offset < 0 || size < 12 || offset + size > profile.Length)
            {
                return null;
            }

            var tag = profile.Slice(offset, size);
            if (tag[..4].SequenceEqual("desc"u8))
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(tag[8..]);
                return length > 1 && 12 + length <= tag.Length ? Encoding.ASCII.GetString(tag.Slice(12, length - 1)).Trim() : null;
            }

            if (tag[..4].SequenceEqual("mluc"u8) && tag.Length >= 28)
            {
                var textLength = (int)BinaryPrimitives.ReadUInt32BigEndian(tag[20..]);
                var textOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(tag[24..]);
                return textOffset + textLength <= tag.Length ? Encoding.BigEndianUnicode.GetString(tag.Slice(textOffset, textLength)).Trim('\0', ' ') : null;
            }
        }

        return null;
    }
}
