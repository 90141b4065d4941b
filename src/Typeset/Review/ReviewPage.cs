using System.Net;
using System.Text.Json;

namespace Typeset.Review;

/// <summary>
/// output/review/index.html: one self-contained file (styles, script and data inline) so it opens from file:// as well
/// as from <c>typeset review</c>. The page itself is kept as three files beside this one (Page/review.html, .css,
/// .js), embedded in the library; the data is the run's <see cref="ReviewData"/> as JSON, gzipped (see
/// <see cref="Pack"/>). The changed paragraphs
/// (a third of a book's data, needed only when the editor opens one) come after the script, so the browser draws the
/// first rows before it has read them.
/// </summary>
public static class ReviewPage
{
    private static readonly Lazy<string> Template = new(() => Resource("review.html")
        .Replace("{{STYLE}}", Resource("review.css"), StringComparison.Ordinal)
        .Replace("{{SCRIPT}}", Resource("review.js"), StringComparison.Ordinal));

    public static string Render(ReviewData data)
    {
        return Fill(Template.Value, new Dictionary<string, string>
        {
            ["{{TITLE}}"] = WebUtility.HtmlEncode(data.Title),
            ["{{DATA}}"] = Pack(Payload(data)),
            ["{{BLOCKS}}"] = Pack(JsonSerializer.Serialize(data.Blocks, DecisionsFile.Options)),
        });
    }

    /// <summary>
    /// The JSON gzipped and in base64, as the page carries it: the browser reads a fifth of the bytes before the first
    /// rows (reading and tokenising a 6 MB page was most of a 300-page book's start-up) and the page inflates them with
    /// the browser's own DecompressionStream in milliseconds. Base64 has no "&lt;", so no text can end the element early.
    /// </summary>
    internal static string Pack(string json)
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(json));
        }

        return Convert.ToBase64String(packed.GetBuffer(), 0, (int)packed.Length);
    }

    /// <summary>The JSON a page element (<c>review-data</c>, <c>review-blocks</c>) carries, unpacked: what the page reads.</summary>
    internal static string Unpack(string html, string element)
    {
        var open = $"id=\"{element}\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var packed = Convert.FromBase64String(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Each placeholder of the template filled once, in one pass: a book whose text holds "{{BLOCKS}}" stays as it is.
    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var page = new System.Text.StringBuilder(template.Length + values.Values.Sum(v => v.Length));
        var at = 0;
        while (template.IndexOf("{{", at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0 || !values.TryGetValue(template[open..(close + 2)], out var value))
            {
                page.Append(template, at, open + 2 - at);
                at = open + 2;
                continue;
            }

            page.Append(template, at, open - at).Append(value);
            at = close + 2;
        }

        return page.Append(template, at, template.Length - at).ToString();
    }

    /// <summary>The columns of each edit in the page's data, in order (review.js reads them by these positions).</summary>
    public static readonly IReadOnlyList<string> EditColumns =
    [
        "id", "stage", "rule", "block", "page", "start", "before", "after", "confidence", "reason", "status", "joinedBlock", "scope",
        "contextBefore", "contextAfter", "occurrence", "group", "verdict", "impact", "tier", "repeats", "word", "cluster", "crop", "decisionKey",
    ];

    /// <summary>
    /// The data as the page reads it. Edits are rows of values in <see cref="EditColumns"/> order, and the strings that
    /// repeat (stage, rule, block, reason, status…) are numbers into one table: a 300-page book's 17,000 edits take a
    /// third of the bytes the same data takes as objects, and the browser parses arrays faster.
    /// </summary>
    internal static string Payload(ReviewData data)
    {
        var strings = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int S(string value)
        {
            if (!index.TryGetValue(value, out var i))
            {
                index[value] = i = strings.Count;
                strings.Add(value);
            }

            return i;
        }

        string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DecisionsFile.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("title", data.Title);
            json.WriteString("run", data.Run);
            json.WriteNumber("lowConfidence", data.LowConfidence);
            json.WritePropertyName("scans");
            JsonSerializer.Serialize(json, data.Scans, DecisionsFile.Options);
            json.WritePropertyName("clusters");
            JsonSerializer.Serialize(json, data.Clusters, DecisionsFile.Options);
            json.WritePropertyName("unmatched");
            JsonSerializer.Serialize(json, data.Unmatched, DecisionsFile.Options);
            json.WritePropertyName("columns");
            JsonSerializer.Serialize(json, EditColumns, DecisionsFile.Options);
            json.WriteStartArray("edits");
            foreach (var edit in data.Edits)
            {
                var r = edit.Record;
                json.WriteStartArray();
                json.WriteStringValue(r.Id);
                json.WriteNumberValue(S(r.Stage));
                json.WriteNumberValue(S(r.Rule));
                json.WriteNumberValue(S(r.Block));
                WriteNullable(json, r.Page);
                json.WriteNumberValue(r.Start);
                json.WriteStringValue(r.Before);
                json.WriteStringValue(r.After);
                json.WriteNumberValue(r.Confidence);
                json.WriteNumberValue(S(r.Reason));
                json.WriteNumberValue(S(Name(r.Status)));
                if (r.JoinedBlock is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteNumberValue(S(r.JoinedBlock));
                }

                json.WriteNumberValue(S(Name(r.Scope)));
                json.WriteStringValue(r.ContextBefore);
                json.WriteStringValue(r.ContextAfter);
                json.WriteNumberValue(r.Occurrence);
                json.WriteNumberValue(S(edit.Group));
                if (edit.Verdict is { } verdict)
                {
                    json.WriteBooleanValue(verdict);
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteNumberValue(S(Name(edit.Impact)));
                json.WriteNumberValue(S(Name(edit.Tier)));
                json.WriteNumberValue(edit.Repeats ? 1 : 0);
                if (edit.Word is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(edit.Word);
                }

                WriteNullable(json, edit.Cluster);
                if (edit.Crop is { } crop)
                {
                    // [page, x, y, width, height, [[x, y, width, height], …]]
                    json.WriteStartArray();
                    foreach (var n in new[] { crop.Page, crop.X, crop.Y, crop.Width, crop.Height })
                    {
                        json.WriteNumberValue(n);
                    }

                    json.WriteStartArray();
                    foreach (var mark in crop.Marks)
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(mark.X);
                        json.WriteNumberValue(mark.Y);
                        json.WriteNumberValue(mark.Width);
                        json.WriteNumberValue(mark.Height);
                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNullValue();
                }

                if (edit.DecisionKey is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(edit.DecisionKey);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WritePropertyName("strings");
            JsonSerializer.Serialize(json, strings, DecisionsFile.Options);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ReviewPage).Assembly.GetManifestResourceStream("Typeset.Review.Page." + name)
                           ?? throw new InvalidOperationException($"review page resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
