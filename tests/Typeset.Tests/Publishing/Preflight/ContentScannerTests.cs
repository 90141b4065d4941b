using System.Text;
using Typeset.Publishing.Preflight;

namespace Typeset.Tests.Publishing.Preflight;

public sealed class ContentScannerTests
{
    private static List<string> Operators(string content)
    {
        var found = new List<string>();
        ContentScanner.Scan(Encoding.Latin1.GetBytes(content), (name, operands) =>
            found.Add(Encoding.ASCII.GetString(name) + "(" + string.Join(",", operands.Select(o => o.IsNumber ? o.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : o.Name ?? "_")) + ")"));
        return found;
    }

    [Fact]
    public void StepsOverStringsDictionariesArraysAndInlineImages()
    {
        var content = "q 1 0 0 1 10.5 -2 cm /P <</MCID 3 /Alt (a >> b) /Sub <</X 1>>>> BDC\n"
            + "BT /F1 12 Tf [(Q) -20 (x\\) rg \\(y (z)) 3] TJ <4142> Tj ET EMC\n"
            + "BI /W 2 /H 1 /CS /G ID \u0001EI\u0002 Q q EI Q\n"
            + "% a comment 1 0 0 rg\n"
            + ".5 g 0 0 0 1 k /CS0 cs /Im1 Do";

        Assert.Equal(
            ["q()", "cm(1,0,0,1,10.5,-2)", "BDC(P,_)", "BT()", "Tf(F1,12)", "TJ(_,-20,_,3)", "Tj(_)", "ET()", "EMC()", "Q()", "g(0.5)", "k(0,0,0,1)", "cs(CS0)", "Do(Im1)"],
            Operators(content));
    }

    [Fact]
    public void AnUnfinishedStreamEndsWithoutThrowing()
    {
        Assert.Equal(["BT()"], Operators("BT (unclosed string Tj"));
        Assert.Empty(Operators("<< /Open"));
    }
}
