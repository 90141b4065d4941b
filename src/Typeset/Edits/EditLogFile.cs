using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Typeset.IO;

namespace Typeset.Edits;

/// <summary>output/review/edits.jsonl: one edit per line, readable (Cyrillic unescaped), written atomically.</summary>
public static class EditLogFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static void Write(string path, IEnumerable<EditRecord> records)
    {
        var builder = new StringBuilder();
        foreach (var record in records)
        {
            builder.Append(JsonSerializer.Serialize(record, Options)).Append('\n');
        }

        AtomicFile.WriteAllText(path, builder.ToString());
    }

    public static IReadOnlyList<EditRecord> Read(string path) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<EditRecord>(line, Options)!)
            .ToList();
}
