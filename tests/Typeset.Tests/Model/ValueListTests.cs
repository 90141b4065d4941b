using Typeset.Model;

namespace Typeset.Tests.Model;

public class ValueListTests
{
    [Fact]
    public void Lists_with_the_same_items_are_equal_and_hash_alike()
    {
        var a = ValueList<Inline>.Of(new Text("а"), new Emphasis(ValueList<Inline>.Of(new Text("б"))));
        var b = ValueList<Inline>.Of(new Text("а"), new Emphasis(ValueList<Inline>.Of(new Text("б"))));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new Paragraph("b1", a), new Paragraph("b1", b));
    }

    [Fact]
    public void Lists_that_differ_in_one_item_or_in_order_are_not_equal()
    {
        var a = ValueList<string>.Of("x", "y");

        Assert.NotEqual(a, ValueList<string>.Of("y", "x"));
        Assert.NotEqual(a, ValueList<string>.Of("x"));
        Assert.NotEqual(a, a.SetItem(1, "z"));
    }
}
