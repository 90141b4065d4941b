using System.Globalization;
using System.Text.Json;

namespace Typeset.Configuration;

/// <summary>
/// A small declarative description of the JSON that pipeline.json may contain, so that every mistake is
/// reported with its JSON path and what was expected, before anything runs.
/// </summary>
public abstract record JsonShape
{
    public abstract string Expected { get; }

    /// <summary>Returns an error message for the value at <paramref name="path"/>, or null when it fits.</summary>
    public abstract string? Check(JsonElement value, string path);

    protected static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

public sealed record StringShape(IReadOnlyList<string>? Allowed = null, Func<string, string?>? Validate = null, string? Description = null) : JsonShape
{
    public override string Expected => Description ?? (Allowed is null ? "a string" : "one of " + string.Join(", ", Allowed.Select(a => $"\"{a}\"")));

    public override string? Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"{path}: expected {Expected}, found {Describe(value)}";
        }

        var text = value.GetString()!;
        if (Allowed is not null && !Allowed.Contains(text, StringComparer.Ordinal))
        {
            return $"{path}: expected {Expected}, found {Describe(value)}";
        }

        return Validate?.Invoke(text) is { } problem ? $"{path}: {problem}" : null;
    }
}

public sealed record NumberShape(double Min, double Max, bool Integer = false) : JsonShape
{
    public override string Expected => (Integer ? "an integer" : "a number") +
        string.Create(CultureInfo.InvariantCulture, $" from {Min} to {Max}");

    public override string? Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) ||
            number < Min || number > Max || (Integer && number != Math.Floor(number)))
        {
            return $"{path}: expected {Expected}, found {Describe(value)}";
        }

        return null;
    }
}

public sealed record BooleanShape : JsonShape
{
    public override string Expected => "true or false";

    public override string? Check(JsonElement value, string path) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{path}: expected {Expected}, found {Describe(value)}";
}

/// <summary>An array whose every item has the shape <paramref name="Item"/>.</summary>
public sealed record ArrayShape(JsonShape Item) : JsonShape
{
    public override string Expected => $"an array of {Item.Expected}";

    public override string? Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"{path}: expected {Expected}, found {Describe(value)}";
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Item.Check(item, $"{path}[{index++}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}

public sealed record Field(JsonShape Shape, bool Required = false);

public sealed record ObjectShape(IReadOnlyDictionary<string, Field> Fields) : JsonShape
{
    public override string Expected => "an object with keys " + string.Join(", ", Fields.Keys);

    public override string? Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: expected an object, found {Describe(value)}";
        }

        foreach (var property in value.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (!Fields.TryGetValue(property.Name, out var field))
            {
                return $"{childPath}: unknown key; expected one of: {string.Join(", ", Fields.Keys)}";
            }

            if (field.Shape.Check(property.Value, childPath) is { } problem)
            {
                return problem;
            }
        }

        foreach (var (name, field) in Fields)
        {
            if (field.Required && !value.TryGetProperty(name, out _))
            {
                return $"{path}: missing required key \"{name}\" ({field.Shape.Expected})";
            }
        }

        return null;
    }
}

/// <summary>An object whose keys are free (file names, say) and whose values are all strings.</summary>
public sealed record StringMapShape(string KeyDescription) : JsonShape
{
    public override string Expected => $"an object of {KeyDescription} → text";

    public override string? Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: expected {Expected}, found {Describe(value)}";
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return $"{path}.{property.Name}: expected text, found {Describe(property.Value)}";
            }
        }

        return null;
    }
}
