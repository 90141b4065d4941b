using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Typeset.Interop.Leptonica;

/// <summary>
/// A leptonica image (PIX) owned by managed code. Leptonica keeps pixels in 32-bit words, most significant first, so on
/// this (little-endian) machine the bytes of each word are reversed against a plain row of bytes; 1-bit images use 1
/// for black. The copies here translate in both directions.
/// </summary>
public sealed class Pix : IDisposable
{
    private IntPtr handle;

    private Pix(IntPtr handle)
    {
        this.handle = handle;
    }

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Pix));

    public int Width => LeptonicaNative.pixGetWidth(Handle);

    public int Height => LeptonicaNative.pixGetHeight(Handle);

    public int Depth => LeptonicaNative.pixGetDepth(Handle);

    /// <summary>The resolution stored with the image (0 when none).</summary>
    public int Dpi => LeptonicaNative.pixGetXRes(Handle);

    /// <summary>Takes ownership of a PIX leptonica returned; null for a null pointer.</summary>
    internal static Pix? Own(IntPtr pix) => pix == IntPtr.Zero ? null : new Pix(pix);

    /// <summary>Page <paramref name="index"/> of a TIFF file, or null when leptonica cannot read it.</summary>
    public static Pix? ReadTiff(string path, int index)
    {
        NativeMessages.Route();
        return Own(LeptonicaNative.pixReadTiff(path, index));
    }

    /// <summary>An 8-bit grey image from rows of <paramref name="width"/> bytes.</summary>
    public static Pix FromGrey(ReadOnlySpan<byte> pixels, int width, int height, int dpi)
    {
        if (width <= 0 || height <= 0 || pixels.Length < (long)width * height)
        {
            throw new ArgumentException($"grey buffer of {pixels.Length} bytes does not hold {width}×{height} pixels", nameof(pixels));
        }

        var pix = Create(width, height, 8, dpi);
        var words = LeptonicaNative.pixGetWpl(pix.handle);
        var row = new byte[words * 4];
        for (var y = 0; y < height; y++)
        {
            pixels.Slice(y * width, width).CopyTo(row);
            pix.WriteRow(y, words, row);
        }

        return pix;
    }

    /// <summary>A 1-bit image from rows of <paramref name="stride"/> bytes, leftmost pixel in the top bit, a set bit white (as Tesseract's C API takes it).</summary>
    public static Pix FromWhiteBits(ReadOnlySpan<byte> bits, int width, int height, int stride, int dpi)
    {
        if (width <= 0 || height <= 0 || stride < (width + 7) / 8 || bits.Length < (long)stride * height)
        {
            throw new ArgumentException($"bit buffer of {bits.Length} bytes ({stride} a row) does not hold {width}×{height} pixels", nameof(bits));
        }

        var pix = Create(width, height, 1, dpi);
        var words = LeptonicaNative.pixGetWpl(pix.handle);
        var row = new byte[words * 4];
        var used = (width + 7) / 8;
        for (var y = 0; y < height; y++)
        {
            var source = bits.Slice(y * stride, used);
            for (var i = 0; i < used; i++)
            {
                row[i] = (byte)~source[i];
            }

            // Bits past the right edge stay white (0 in leptonica).
            if ((width & 7) != 0)
            {
                row[used - 1] &= (byte)(0xFF << (8 - (width & 7)));
            }

            pix.WriteRow(y, words, row);
        }

        return pix;
    }

    /// <summary>The image as 8-bit grey rows (colour converted to luminance), with its size.</summary>
    public (byte[] Pixels, int Width, int Height) ToGrey()
    {
        var converted = Depth == 8 && LeptonicaNative.pixGetSpp(Handle) == 1 ? IntPtr.Zero
            : Depth == 32 ? LeptonicaNative.pixConvertRGBToLuminance(Handle) : LeptonicaNative.pixConvertTo8(Handle, 0);
        using var grey = converted == IntPtr.Zero ? null : Own(converted);
        var source = grey ?? this;
        if (source.Depth != 8)
        {
            throw new InvalidOperationException("leptonica could not convert the image to 8-bit grey");
        }

        var (width, height) = (source.Width, source.Height);
        var pixels = new byte[width * height];
        var words = LeptonicaNative.pixGetWpl(source.handle);
        var row = new byte[words * 4];
        for (var y = 0; y < height; y++)
        {
            source.ReadRow(y, words, row);
            row.AsSpan(0, width).CopyTo(pixels.AsSpan(y * width));
        }

        return (pixels, width, height);
    }

    /// <summary>A 32-bit image's pixels as opaque RGBA bytes (leptonica's words hold red, green, blue, spare); null when not 32-bit.</summary>
    public byte[]? ToRgba()
    {
        if (Depth != 32)
        {
            return null;
        }

        var (width, height) = (Width, Height);
        var words = LeptonicaNative.pixGetWpl(Handle);
        var rgba = new byte[width * height * 4];
        var row = new byte[words * 4];
        for (var y = 0; y < height; y++)
        {
            ReadRow(y, words, row);
            var target = rgba.AsSpan(y * width * 4, width * 4);
            row.AsSpan(0, width * 4).CopyTo(target);
            for (var x = 3; x < target.Length; x += 4)
            {
                target[x] = 0xFF;
            }
        }

        return rgba;
    }

    public void Dispose()
    {
        if (handle != IntPtr.Zero)
        {
            LeptonicaNative.pixDestroy(ref handle);
        }
    }

    private static Pix Create(int width, int height, int depth, int dpi)
    {
        NativeMessages.Route();
        var pix = Own(LeptonicaNative.pixCreate(width, height, depth)) ?? throw new OutOfMemoryException($"leptonica could not allocate a {width}×{height} image");
        LeptonicaNative.pixSetResolution(pix.handle, dpi, dpi);
        return pix;
    }

    /// <summary>Copies a row of plain bytes (padded to whole words) into the image, reversing each word's bytes.</summary>
    private void WriteRow(int y, int words, byte[] row)
    {
        var swapped = MemoryMarshal.Cast<byte, uint>(row.AsSpan());
        BinaryPrimitives.ReverseEndianness(swapped, swapped);
        Marshal.Copy(row, 0, LeptonicaNative.pixGetData(handle) + y * words * 4, words * 4);
    }

    private void ReadRow(int y, int words, byte[] row)
    {
        Marshal.Copy(LeptonicaNative.pixGetData(handle) + y * words * 4, row, 0, words * 4);
        var swapped = MemoryMarshal.Cast<byte, uint>(row.AsSpan());
        BinaryPrimitives.ReverseEndianness(swapped, swapped);
    }
}
