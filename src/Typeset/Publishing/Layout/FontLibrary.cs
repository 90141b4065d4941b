namespace Typeset.Publishing.Layout;

/// <summary>The four faces of a family, loaded on first use (thread-safe: paragraphs are set in parallel).</summary>
public sealed class TypeFamily(string name, Func<FontVariant, FontFace> load)
{
    // Read on every word from every layout thread: a loaded face is read without a lock, only loading takes one.
    private readonly FontFace?[] faces = new FontFace?[(int)FontVariant.BoldItalic + 1];

    public string Name { get; } = name;

    public FontFace this[FontVariant variant]
    {
        get
        {
            if (Volatile.Read(ref faces[(int)variant]) is { } loaded)
            {
                return loaded;
            }

            lock (faces)
            {
                var face = faces[(int)variant] ?? load(variant);
                Volatile.Write(ref faces[(int)variant], face);
                return face;
            }
        }
    }
}

/// <summary>Families used by one document; owns the loaded faces (a file shared by two variants is loaded once).</summary>
public sealed class FontLibrary(FontResolver resolver) : IDisposable
{
    private readonly Dictionary<string, FontFace> facesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeFamily> families = new(StringComparer.OrdinalIgnoreCase);

    public TypeFamily Family(string name)
    {
        if (!families.TryGetValue(name, out var family))
        {
            // Resolve eagerly so a missing family fails at once, naming the family.
            resolver.Resolve(name, FontVariant.Regular);
            family = new TypeFamily(name, variant => Load(resolver.Resolve(name, variant)));
            families.Add(name, family);
        }

        return family;
    }

    private FontFace Load(string path)
    {
        lock (facesByPath)
        {
            if (!facesByPath.TryGetValue(path, out var face))
            {
                face = new FontFace(path);
                facesByPath.Add(path, face);
            }

            return face;
        }
    }

    public void Dispose()
    {
        foreach (var face in facesByPath.Values)
        {
            face.Dispose();
        }
    }
}
