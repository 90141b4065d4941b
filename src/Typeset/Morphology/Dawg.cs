using System.Runtime.InteropServices;

namespace Typeset.Morphology;

/// <summary>
/// A read-only DAWG in the dawgdic format (what pymorphy2's DAWG-Python and az's az.dawg.js read): a double-array
/// "dictionary" of 32-bit units, then a "guide" of two bytes a unit (first child label, next sibling label) for
/// enumerating keys. Every index computed from the file is checked, so a damaged file gives "not found" or a
/// <see cref="MorphologyDataException"/>, never a crash or an endless walk.
/// </summary>
internal sealed class Dawg
{
    public const uint Root = 0;

    private const uint HasLeafBit = 1u << 8;
    private const uint ExtensionBit = 1u << 9;
    private const uint IsLeafBit = 1u << 31;

    private readonly uint[] units;
    private readonly byte[] guide;

    private Dawg(uint[] units, byte[] guide, string file)
    {
        this.units = units;
        this.guide = guide;
        File = file;
    }

    /// <summary>The file the DAWG was read from, for messages.</summary>
    public string File { get; }

    public int UnitCount => units.Length;

    /// <summary>Reads the file straight into the unit and guide arrays (no intermediate copy of its 5 MB).</summary>
    public static Dawg Load(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var length = stream.Length;
            Span<byte> header = stackalloc byte[4];
            var unitCount = ReadCount(stream, header, path, length);
            CheckUnitCount(unitCount, length, path);
            var units = new uint[unitCount];
            stream.ReadExactly(MemoryMarshal.AsBytes(units.AsSpan()));
            var guideCount = ReadCount(stream, header, path, length);
            CheckGuide(unitCount, guideCount, length, path);
            var guide = new byte[guideCount * 2];
            stream.ReadExactly(guide);
            return new Dawg(FromLittleEndian(units), guide, path);
        }
        catch (FileNotFoundException)
        {
            throw new MorphologyDataException(path, "not found");
        }
        catch (EndOfStreamException)
        {
            throw new MorphologyDataException(path, "truncated DAWG");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MorphologyDataException(path, "cannot be read: " + e.Message);
        }
    }

    /// <summary>Layout: uint32 unit count, the units (little-endian), uint32 guide size in units, the guide's bytes.</summary>
    public static Dawg FromBytes(ReadOnlySpan<byte> data, string file)
    {
        if (data.Length < 8)
        {
            throw new MorphologyDataException(file, $"truncated DAWG ({data.Length} bytes)");
        }

        var unitCount = BitConverter.ToUInt32(data);
        CheckUnitCount(unitCount, data.Length, file);
        var guideCount = BitConverter.ToUInt32(data[(int)(4 + unitCount * 4L)..]);
        CheckGuide(unitCount, guideCount, data.Length, file);
        var units = MemoryMarshal.Cast<byte, uint>(data.Slice(4, (int)unitCount * 4)).ToArray();
        var guide = data.Slice((int)(8 + unitCount * 4L), (int)guideCount * 2).ToArray();
        return new Dawg(FromLittleEndian(units), guide, file);
    }

    private static uint ReadCount(Stream stream, Span<byte> header, string path, long length)
    {
        if (stream.Position + 4 > length)
        {
            throw new MorphologyDataException(path, $"truncated DAWG ({length} bytes)");
        }

        stream.ReadExactly(header);
        return BitConverter.ToUInt32(header);
    }

    private static void CheckUnitCount(uint unitCount, long length, string file)
    {
        if (unitCount == 0 || 4 + unitCount * 4L + 4 > length)
        {
            throw new MorphologyDataException(file, $"truncated DAWG: {unitCount} units declared, {length} bytes in the file");
        }
    }

    private static void CheckGuide(uint unitCount, uint guideCount, long length, string file)
    {
        var expected = 8 + unitCount * 4L + guideCount * 2L;
        if (expected != length)
        {
            throw new MorphologyDataException(file, $"damaged DAWG: its header says {expected} bytes, the file has {length}");
        }

        if (guideCount != unitCount)
        {
            throw new MorphologyDataException(file, $"damaged DAWG: {guideCount} guide entries for {unitCount} units");
        }
    }

    private static uint[] FromLittleEndian(uint[] units)
    {
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(units, units);
        }

        return units;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & ExtensionBit) >> 6);

    /// <summary>Follows one transition; false (index unchanged) when there is none.</summary>
    public bool Follow(byte label, ref uint index)
    {
        var next = index ^ Offset(units[index]) ^ label;
        if (next >= (uint)units.Length || (units[next] & (IsLeafBit | 0xFF)) != label)
        {
            return false;
        }

        index = next;
        return true;
    }

    public bool Follow(ReadOnlySpan<byte> key, ref uint index)
    {
        var current = index;
        foreach (var label in key)
        {
            if (!Follow(label, ref current))
            {
                return false;
            }
        }

        index = current;
        return true;
    }

    /// <summary>A key ends at <paramref name="index"/>.</summary>
    public bool HasValue(uint index) => (units[index] & HasLeafBit) != 0;

    /// <summary>The value stored for the key that ends at <paramref name="index"/> (an IntDAWG's payload).</summary>
    public uint Value(uint index)
    {
        var at = index ^ Offset(units[index]);
        return at < (uint)units.Length ? units[at] & ~IsLeafBit : throw Damaged("a value points outside the file");
    }

    /// <summary>The value of <paramref name="key"/>, if the DAWG holds it.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> key, out uint value)
    {
        var index = Root;
        if (Follow(key, ref index) && HasValue(index))
        {
            value = Value(index);
            return true;
        }

        value = 0;
        return false;
    }

    internal MorphologyDataException Damaged(string problem) => new(File, "damaged DAWG: " + problem);

    /// <summary>Enumerates the keys below <paramref name="start"/> (their remaining bytes), using the caller's buffers.</summary>
    public Completer Complete(uint start, Span<uint> indexStack, Span<byte> key, int stepBudget) =>
        new(this, start, indexStack, key, stepBudget);

    /// <summary>
    /// DAWG-Python's Completer: a depth-first walk guided by the first-child and next-sibling labels. The walk is
    /// bounded by the buffers' depth and by a step budget, so a damaged guide cannot make it run forever.
    /// </summary>
    public ref struct Completer
    {
        private readonly Dawg dawg;
        private readonly Span<uint> stack;
        private readonly Span<byte> key;
        private int depth;
        private int keyLength;
        private int steps;
        private bool started;

        internal Completer(Dawg dawg, uint start, Span<uint> stack, Span<byte> key, int stepBudget)
        {
            this.dawg = dawg;
            this.stack = stack;
            this.key = key;
            steps = stepBudget;
            stack[0] = start;
            depth = 1;
        }

        /// <summary>The bytes of the current key after the start node.</summary>
        public readonly ReadOnlySpan<byte> Key => key[..keyLength];

        /// <summary>The node where the current key ends.</summary>
        public readonly uint Index => stack[depth - 1];

        public bool MoveNext()
        {
            if (depth == 0)
            {
                return false;
            }

            var index = stack[depth - 1];
            if (started)
            {
                var child = dawg.guide[index * 2];
                if (child != 0)
                {
                    index = Push(child, index);
                }
                else
                {
                    while (true)
                    {
                        var sibling = dawg.guide[index * 2 + 1];
                        if (keyLength > 0)
                        {
                            keyLength--;
                        }

                        depth--;
                        if (depth == 0)
                        {
                            return false;
                        }

                        index = stack[depth - 1];
                        if (sibling != 0)
                        {
                            index = Push(sibling, index);
                            break;
                        }
                    }
                }
            }

            while (!dawg.HasValue(index))
            {
                index = Push(dawg.guide[index * 2], index);
            }

            started = true;
            return true;
        }

        private uint Push(byte label, uint index)
        {
            if (--steps < 0)
            {
                throw dawg.Damaged("a walk over its keys does not end");
            }

            if (!dawg.Follow(label, ref index))
            {
                throw dawg.Damaged("its guide names a transition that does not exist");
            }

            if (depth == stack.Length || keyLength == key.Length)
            {
                throw dawg.Damaged($"a key is longer than {key.Length} bytes");
            }

            key[keyLength++] = label;
            stack[depth++] = index;
            return index;
        }
    }
}

/// <summary>A morphology file is missing, unreadable or damaged. The message names the file and the problem.</summary>
public sealed class MorphologyDataException(string file, string problem)
    : Exception($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
