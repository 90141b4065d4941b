using System.Text;
using Typeset.Morphology;

namespace Typeset.Tests.Morphology;

public class Cp1251Tests
{
    [Fact]
    public void The_code_page_table_is_windows_1251_as_the_runtime_knows_it()
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(1251, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\0"))!;
        for (var b = 1; b < 256; b++)
        {
            if (b == 0x98)
            {
                // Unassigned in Windows-1251 (the runtime passes it through as the control character U+0098): no key has it.
                Assert.Equal('\0', Cp1251.ToChar((byte)b));
                continue;
            }

            var expected = encoding.GetString([(byte)b]);
            Assert.Equal(expected == "\0" ? '\0' : expected[0], Cp1251.ToChar((byte)b));
            if (expected != "\0")
            {
                Assert.Equal((byte)b, Cp1251.ToByte(expected[0]));
            }
        }
    }

    [Fact]
    public void Words_are_lower_cased_into_bytes_and_other_scripts_have_none()
    {
        Span<byte> bytes = stackalloc byte[5];

        Assert.True(Cp1251.TryEncodeLower("ЁЖИК-", bytes));
        Assert.Equal("ёжик-", Cp1251.Decode(bytes));
        Assert.False(Cp1251.TryEncodeLower("日本語", bytes[..3]));
        Assert.Equal(0, Cp1251.ToByte('\u0000'));
    }
}
