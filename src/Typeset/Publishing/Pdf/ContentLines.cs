using System.Globalization;

namespace Typeset.Publishing.Pdf;

/// <summary>
/// A content stream being written as bytes, line by line (lines joined by <c>\n</c>, none after the last), so the
/// finisher's rewrite of every page never turns the stream into strings.
/// </summary>
internal sealed class ContentLines(int capacity)
{
    private byte[] buffer = new byte[Math.Max(capacity, 256)];
    private int length;
    private bool started;

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>Starts a new line (the separator before every line but the first).</summary>
    public ContentLines NewLine()
    {
        if (started)
        {
            Append((byte)'\n');
        }

        started = true;
        return this;
    }

    public ContentLines Clear()
    {
        length = 0;
        started = false;
        return this;
    }

    public ContentLines Line(ReadOnlySpan<byte> line) => NewLine().Append(line);

    public ContentLines Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
        return this;
    }

    public ContentLines Append(byte value)
    {
        Reserve(1);
        buffer[length++] = value;
        return this;
    }

    /// <summary>A number in invariant culture; <paramref name="format"/> null prints the shortest round-trip form.</summary>
    public ContentLines Append(double value, string? format)
    {
        Reserve(32);
        if (!value.TryFormat(buffer.AsSpan(length), out var written, format, CultureInfo.InvariantCulture))
        {
            Reserve(512);
            value.TryFormat(buffer.AsSpan(length), out written, format, CultureInfo.InvariantCulture);
        }

        length += written;
        return this;
    }

    private void Reserve(int count)
    {
        if (length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
        }
    }
}
