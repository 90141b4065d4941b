using System.Numerics;

namespace Typeset.Morphology;

/// <summary>An immutable set of grammemes in two machine words: comparing and combining tags allocates nothing.</summary>
public readonly struct GrammemeSet : IEquatable<GrammemeSet>
{
    private readonly ulong low;
    private readonly ulong high;

    private GrammemeSet(ulong low, ulong high)
    {
        this.low = low;
        this.high = high;
    }

    public static GrammemeSet Empty => default;

    public static GrammemeSet Of(params ReadOnlySpan<Grammeme> grammemes)
    {
        var set = default(GrammemeSet);
        foreach (var grammeme in grammemes)
        {
            set = set.With(grammeme);
        }

        return set;
    }

    /// <summary>All grammemes of one category (every case, every gender…).</summary>
    public static GrammemeSet OfCategory(GrammemeCategory category) => CategorySets[(int)category];

    private static readonly GrammemeSet[] CategorySets = BuildCategorySets();

    private static GrammemeSet[] BuildCategorySets()
    {
        var sets = new GrammemeSet[(int)GrammemeCategory.Voice + 1];
        for (var g = 0; g < Morphology.Grammemes.Count; g++)
        {
            var category = (int)((Grammeme)g).Category();
            sets[category] = sets[category].With((Grammeme)g);
        }

        return sets;
    }

    public bool IsEmpty => (low | high) == 0;

    public int Count => BitOperations.PopCount(low) + BitOperations.PopCount(high);

    public bool Contains(Grammeme grammeme) =>
        (int)grammeme < 64 ? (low & (1UL << (int)grammeme)) != 0 : (high & (1UL << ((int)grammeme - 64))) != 0;

    /// <summary>Every grammeme of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAll(GrammemeSet other) => (low & other.low) == other.low && (high & other.high) == other.high;

    public bool Overlaps(GrammemeSet other) => ((low & other.low) | (high & other.high)) != 0;

    public GrammemeSet With(Grammeme grammeme) =>
        (int)grammeme < 64 ? new(low | (1UL << (int)grammeme), high) : new(low, high | (1UL << ((int)grammeme - 64)));

    public GrammemeSet Without(Grammeme grammeme) =>
        (int)grammeme < 64 ? new(low & ~(1UL << (int)grammeme), high) : new(low, high & ~(1UL << ((int)grammeme - 64)));

    public GrammemeSet Union(GrammemeSet other) => new(low | other.low, high | other.high);

    public GrammemeSet Intersect(GrammemeSet other) => new(low & other.low, high & other.high);

    public GrammemeSet Except(GrammemeSet other) => new(low & ~other.low, high & ~other.high);

    /// <summary>Grammemes in exactly one of the two sets.</summary>
    public GrammemeSet SymmetricExcept(GrammemeSet other) => new(low ^ other.low, high ^ other.high);

    /// <summary>The one grammeme of <paramref name="category"/> in this set (the lowest if there are several), or null.</summary>
    public Grammeme? Get(GrammemeCategory category)
    {
        var found = Intersect(OfCategory(category));
        if (found.low != 0)
        {
            return (Grammeme)BitOperations.TrailingZeroCount(found.low);
        }

        return found.high != 0 ? (Grammeme)(64 + BitOperations.TrailingZeroCount(found.high)) : null;
    }

    public Enumerator GetEnumerator() => new(this);

    public bool Equals(GrammemeSet other) => low == other.low && high == other.high;

    public override bool Equals(object? obj) => obj is GrammemeSet other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(low, high);

    public static bool operator ==(GrammemeSet left, GrammemeSet right) => left.Equals(right);

    public static bool operator !=(GrammemeSet left, GrammemeSet right) => !left.Equals(right);

    public override string ToString() => string.Join(",", ToList());

    private List<string> ToList()
    {
        var names = new List<string>(Count);
        foreach (var grammeme in this)
        {
            names.Add(grammeme.Name());
        }

        return names;
    }

    /// <summary>Enumerates the grammemes in the tagset's order, without allocating.</summary>
    public struct Enumerator(GrammemeSet set)
    {
        private ulong low = set.low;
        private ulong high = set.high;

        public Grammeme Current { get; private set; }

        public bool MoveNext()
        {
            if (low != 0)
            {
                Current = (Grammeme)BitOperations.TrailingZeroCount(low);
                low &= low - 1;
                return true;
            }

            if (high != 0)
            {
                Current = (Grammeme)(64 + BitOperations.TrailingZeroCount(high));
                high &= high - 1;
                return true;
            }

            return false;
        }
    }
}
