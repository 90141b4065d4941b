using System.Collections;

namespace Typeset.Model;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content
/// (ImmutableArray compares by reference, which would make every model comparison false).
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] items;

    private ValueList(T[] items) => this.items = items;

    public static ValueList<T> Of(IEnumerable<T> items) => items is ValueList<T> list ? list : new([.. items]);

    public static ValueList<T> Of(params T[] items) => new([.. items]);

    public T this[int index] => items[index];

    public int Count => items.Length;

    public ReadOnlySpan<T> AsSpan() => items;

    public ValueList<T> Add(T item) => new([.. items, item]);

    public ValueList<T> AddRange(IEnumerable<T> more) => new([.. items, .. more]);

    public ValueList<T> SetItem(int index, T item)
    {
        var copy = (T[])items.Clone();
        copy[index] = item;
        return new(copy);
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

public static class ValueList
{
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => ValueList<T>.Of(items);
}
