using System.Text.Json;

namespace Typeset.Morphology;

/// <summary>
/// OpenCorpora's dictionary compiled by pymorphy2 (format 2.4) as the npm package az ships it in <c>dicts/</c>:
/// <list type="bullet">
/// <item><c>words.dawg</c>: every word form (Windows-1251), then byte 1, then (paradigm, form index) as two 14-bit
/// numbers, each in two bytes of 7 bits shifted left with the low bit set (az's encoding: no zero bytes in keys);</item>
/// <item><c>paradigms.array</c>: uint16 count, then per paradigm uint16 length and length uint16s: the suffix ids of
/// its forms, then their tag ids, then their prefix ids (three equal thirds; form 0 is the lemma);</item>
/// <item><c>suffixes.json</c>, <c>gramtab-opencorpora-int.json</c>: the suffix and tag tables;
/// <c>meta.json</c>: the paradigm prefixes ("", "по", "наи") and the counts the other files must match;</item>
/// <item><c>prediction-suffixes-N.dawg</c>: word endings seen with paradigm prefix N, then byte 1, then
/// (count, paradigm, form index);</item>
/// <item><c>p_t_given_w.intdawg</c>: "word:tag" → P(tag | word) × 10⁶, from OpenCorpora's disambiguated corpus.</item>
/// </list>
/// Read once into arrays (about 11 MB); immutable afterwards, so one instance serves every thread.
/// </summary>
public sealed class OpenCorporaDictionary
{
    public const string WordsFile = "words.dawg";
    public const string ParadigmsFile = "paradigms.array";
    public const string SuffixesFile = "suffixes.json";
    public const string TagsFile = "gramtab-opencorpora-int.json";
    public const string GrammemesFile = "grammemes.json";
    public const string MetaFile = "meta.json";
    public const string ProbabilitiesFile = "p_t_given_w.intdawg";

    /// <summary>A payload walk longer than this is a damaged file (a real word has at most a few dozen parses).</summary>
    private const int PayloadStepBudget = 1 << 16;

    private readonly ushort[] paradigmData;
    private readonly int[] paradigmStart;
    private readonly string[] suffixes;
    private readonly string[] prefixes;
    private readonly Tag[] tags;
    private readonly byte[][] tagKeys;
    private readonly ParadigmOrigin[]?[] origins;

    private OpenCorporaDictionary(string folder, DictionaryMeta meta, Dawg words, Dawg[] predictionSuffixes, Dawg probabilities,
        ushort[] paradigmData, int[] paradigmStart, string[] suffixes, string[] prefixes, string[] tagTexts, Tag[] tags)
    {
        Folder = folder;
        Meta = meta;
        Words = words;
        PredictionSuffixes = predictionSuffixes;
        Probabilities = probabilities;
        this.paradigmData = paradigmData;
        this.paradigmStart = paradigmStart;
        this.suffixes = suffixes;
        this.prefixes = prefixes;
        this.tags = tags;
        tagKeys = tagTexts.Select(Cp1251.Encode).ToArray();
        origins = new ParadigmOrigin[paradigmStart.Length][];
        Tag.RememberSpellings(tags, tagTexts);
    }

    public string Folder { get; }

    public DictionaryMeta Meta { get; }

    internal Dawg Words { get; }

    internal Dawg[] PredictionSuffixes { get; }

    internal Dawg Probabilities { get; }

    public int ParadigmCount => paradigmStart.Length;

    /// <summary>The paradigm prefixes: "" for most forms, "по"/"наи" for comparatives and superlatives.</summary>
    public IReadOnlyList<string> ParadigmPrefixes => prefixes;

    /// <summary>Reads every file of <paramref name="folder"/>; a missing or damaged file is a <see cref="MorphologyDataException"/> naming it.</summary>
    public static OpenCorporaDictionary Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new MorphologyDataException(folder, "folder not found");
        }

        string PathOf(string name) => Path.Combine(folder, name);

        // The DAWGs are most of the bytes: read them in parallel with the small tables.
        var wordsTask = Task.Run(() => Dawg.Load(PathOf(WordsFile)));
        var probabilitiesTask = Task.Run(() => Dawg.Load(PathOf(ProbabilitiesFile)));
        var meta = DictionaryMeta.Load(PathOf(MetaFile));
        var predictionTasks = Enumerable.Range(0, meta.ParadigmPrefixes.Count)
            .Select(i => Task.Run(() => Dawg.Load(PathOf($"prediction-suffixes-{i}.dawg"))))
            .ToArray();
        CheckGrammemes(PathOf(GrammemesFile));
        var tagTexts = ReadStrings(PathOf(TagsFile));
        var tags = new Tag[tagTexts.Length];
        for (var i = 0; i < tagTexts.Length; i++)
        {
            if (!Tag.TryParse(tagTexts[i], out tags[i], out var unknown))
            {
                throw new MorphologyDataException(PathOf(TagsFile), $"tag {i} \"{tagTexts[i]}\" has an unknown grammeme \"{unknown}\"");
            }
        }

        ExpectCount(PathOf(TagsFile), "tags", tagTexts.Length, meta.TagCount);
        var suffixes = ReadStrings(PathOf(SuffixesFile));
        ExpectCount(PathOf(SuffixesFile), "suffixes", suffixes.Length, meta.SuffixCount);
        var (paradigmData, paradigmStart) = ReadParadigms(PathOf(ParadigmsFile), suffixes.Length, tags.Length, meta.ParadigmPrefixes.Count);
        ExpectCount(PathOf(ParadigmsFile), "paradigms", paradigmStart.Length, meta.ParadigmCount);

        try
        {
            Task.WaitAll([wordsTask, probabilitiesTask, .. predictionTasks]);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is MorphologyDataException) is MorphologyDataException first)
        {
            throw first;
        }

        return new OpenCorporaDictionary(folder, meta, wordsTask.Result, predictionTasks.Select(t => t.Result).ToArray(), probabilitiesTask.Result,
            paradigmData, paradigmStart, suffixes, meta.ParadigmPrefixes.ToArray(), tagTexts, tags);
    }

    public int FormCount(int paradigm) => paradigmData[paradigmStart[paradigm] - 1] / 3;

    public Tag TagOf(int paradigm, int form) => tags[TagIdOf(paradigm, form)];

    internal int TagIdOf(int paradigm, int form) => paradigmData[paradigmStart[paradigm] + FormCount(paradigm) + form];

    /// <summary>The tag's text as the corpus statistics spell it, in Windows-1251.</summary>
    internal ReadOnlySpan<byte> TagKey(int tagId) => tagKeys[tagId];

    public string SuffixOf(int paradigm, int form) => suffixes[paradigmData[paradigmStart[paradigm] + form]];

    public string PrefixOf(int paradigm, int form) => prefixes[paradigmData[paradigmStart[paradigm] + 2 * FormCount(paradigm) + form]];

    /// <summary>The part of <paramref name="word"/> (form <paramref name="form"/> of the paradigm) that all forms share.</summary>
    public string StemOf(int paradigm, int form, string word)
    {
        var prefix = PrefixOf(paradigm, form).Length;
        var suffix = SuffixOf(paradigm, form).Length;
        return prefix + suffix <= word.Length ? word.Substring(prefix, word.Length - prefix - suffix) : string.Empty;
    }

    public string FormOf(int paradigm, int form, string stem) => string.Concat(PrefixOf(paradigm, form), stem, SuffixOf(paradigm, form));

    /// <summary>The lemma (form 0) of the lexeme whose form <paramref name="form"/> is <paramref name="word"/>.</summary>
    public string LemmaOf(int paradigm, int form, string word) =>
        form == 0 ? word : FormOf(paradigm, 0, StemOf(paradigm, form, word));

    /// <summary>The one shared origin object of each form of a paradigm, made on first use (parses are kept in caches: fewer objects).</summary>
    internal ParadigmOrigin OriginOf(int paradigm, int form)
    {
        var forms = origins[paradigm];
        if (forms is null)
        {
            var made = new ParadigmOrigin[FormCount(paradigm)];
            for (var i = 0; i < made.Length; i++)
            {
                made[i] = new ParadigmOrigin(this, paradigm, i);
            }

            forms = Interlocked.CompareExchange(ref origins[paradigm], made, null) ?? made;
        }

        return forms[form];
    }

    /// <summary>Checks a (paradigm, form) pair read from <paramref name="dawg"/> before it is used as an index.</summary>
    internal void CheckPayload(Dawg dawg, int paradigm, int form)
    {
        if ((uint)paradigm >= (uint)ParadigmCount || (uint)form >= (uint)FormCount(paradigm))
        {
            throw dawg.Damaged($"it refers to form {form} of paradigm {paradigm}, which does not exist");
        }
    }

    /// <summary>
    /// Reads the payloads stored under <paramref name="node"/> (the node after a key's separator byte): groups of
    /// <paramref name="numbers"/> 14-bit numbers, each in two bytes.
    /// </summary>
    internal static void ReadPayloads(Dawg dawg, uint node, int numbers, List<int> values)
    {
        Span<uint> stack = stackalloc uint[16];
        Span<byte> key = stackalloc byte[16];
        var completer = dawg.Complete(node, stack, key, PayloadStepBudget);
        while (completer.MoveNext())
        {
            var bytes = completer.Key;
            if (bytes.Length != numbers * 2)
            {
                throw dawg.Damaged($"a payload of {bytes.Length} bytes where {numbers * 2} were expected");
            }

            for (var i = 0; i < bytes.Length; i += 2)
            {
                if ((bytes[i] & 1) == 0 || (bytes[i + 1] & 1) == 0)
                {
                    throw dawg.Damaged("a payload byte without its marker bit");
                }

                values.Add(((bytes[i] >> 1) << 7) | (bytes[i + 1] >> 1));
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every key of words.dawg (a word form in Windows-1251 and one of its readings).</summary>
    internal long VisitAllWords(WordVisitor visit)
    {
        Span<uint> stack = stackalloc uint[128];
        Span<byte> key = stackalloc byte[128];
        var completer = Words.Complete(Dawg.Root, stack, key, int.MaxValue);
        long count = 0;
        while (completer.MoveNext())
        {
            var bytes = completer.Key;
            var separator = bytes.IndexOf((byte)1);
            if (separator < 0 || bytes.Length - separator - 1 != 4)
            {
                throw Words.Damaged("a key without a (paradigm, form) payload");
            }

            var paradigm = ((bytes[separator + 1] >> 1) << 7) | (bytes[separator + 2] >> 1);
            var form = ((bytes[separator + 3] >> 1) << 7) | (bytes[separator + 4] >> 1);
            CheckPayload(Words, paradigm, form);
            visit(bytes[..separator], paradigm, form);
            count++;
        }

        return count;
    }

    internal delegate void WordVisitor(ReadOnlySpan<byte> word, int paradigm, int form);

    private static void ExpectCount(string file, string what, int actual, int declared)
    {
        if (actual != declared)
        {
            throw new MorphologyDataException(file, $"{actual} {what}, but {MetaFile} declares {declared}");
        }
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new MorphologyDataException(path, "not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MorphologyDataException(path, "cannot be read: " + e.Message);
        }
    }

    internal static JsonDocument ReadJson(string path)
    {
        try
        {
            return JsonDocument.Parse(ReadBytes(path));
        }
        catch (JsonException e)
        {
            throw new MorphologyDataException(path, $"not valid JSON (line {(e.LineNumber ?? 0) + 1})");
        }
    }

    private static string[] ReadStrings(string path)
    {
        using var document = ReadJson(path);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new MorphologyDataException(path, "expected a JSON array of strings");
        }

        var strings = document.RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
        foreach (var text in strings)
        {
            if (text.Any(c => Cp1251.ToByte(c) == 0))
            {
                throw new MorphologyDataException(path, $"\"{text}\" has a character outside Windows-1251");
            }
        }

        return strings;
    }

    /// <summary>The dictionary's grammemes must all be ones this tagset knows (a newer tagset would need new code).</summary>
    private static void CheckGrammemes(string path)
    {
        using var document = ReadJson(path);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new MorphologyDataException(path, "expected a JSON array of [name, parent, alias, description]");
        }

        var categories = new HashSet<string>(["POST", "ANim", "GNdr", "NMbr", "CAse", "ASpc", "TRns", "PErs", "TEns", "MOod", "INvl", "VOic"]);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() < 2 || entry[0].ValueKind != JsonValueKind.String)
            {
                throw new MorphologyDataException(path, "expected a JSON array of [name, parent, alias, description]");
            }

            var name = entry[0].GetString()!;
            if (!categories.Contains(name) && !Grammemes.TryParse(name, out _))
            {
                throw new MorphologyDataException(path, $"unknown grammeme \"{name}\"");
            }
        }
    }

    /// <summary>The whole file as uint16s, and where each paradigm's data starts in it (its length is the uint16 before).</summary>
    private static (ushort[] Data, int[] Start) ReadParadigms(string path, int suffixCount, int tagCount, int prefixCount)
    {
        var bytes = ReadBytes(path);
        if (bytes.Length < 2 || bytes.Length % 2 != 0)
        {
            throw new MorphologyDataException(path, $"truncated ({bytes.Length} bytes)");
        }

        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(bytes).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words, words);
        }

        var count = words[0];
        var start = new int[count];
        var position = 1;
        for (var p = 0; p < count; p++)
        {
            if (position >= words.Length)
            {
                throw new MorphologyDataException(path, $"truncated: paradigm {p} of {count} is missing");
            }

            var length = words[position++];
            if (length == 0 || length % 3 != 0 || position + length > words.Length)
            {
                throw new MorphologyDataException(path, $"paradigm {p} is damaged (length {length})");
            }

            var forms = length / 3;
            CheckIds(words.AsSpan(position, forms), suffixCount, "suffix");
            CheckIds(words.AsSpan(position + forms, forms), tagCount, "tag");
            CheckIds(words.AsSpan(position + 2 * forms, forms), prefixCount, "prefix");
            start[p] = position;
            position += length;

            void CheckIds(ReadOnlySpan<ushort> ids, int limit, string what)
            {
                var bad = ids.IndexOfAnyExceptInRange((ushort)0, (ushort)(limit - 1));
                if (bad >= 0)
                {
                    throw new MorphologyDataException(path, $"paradigm {p} refers to {what} {ids[bad]}, which does not exist");
                }
            }
        }

        if (position != words.Length)
        {
            throw new MorphologyDataException(path, $"{(words.Length - position) * 2} bytes after the last paradigm");
        }

        return (words, start);
    }
}

/// <summary>What meta.json says about the dictionary: its source, and the counts the other files must match.</summary>
public sealed record DictionaryMeta(
    string FormatVersion, string SourceVersion, string SourceRevision, int LexemeCount,
    int TagCount, int ParadigmCount, int SuffixCount, int MaxSuffixLength, IReadOnlyList<string> ParadigmPrefixes)
{
    public static DictionaryMeta Load(string path)
    {
        using var document = OpenCorporaDictionary.ReadJson(path);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new MorphologyDataException(path, "expected a JSON array of [key, value] pairs");
        }

        foreach (var pair in document.RootElement.EnumerateArray())
        {
            if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2 && pair[0].ValueKind == JsonValueKind.String)
            {
                values[pair[0].GetString()!] = pair[1].Clone();
            }
        }

        JsonElement Get(string key) => values.TryGetValue(key, out var value) ? value : throw new MorphologyDataException(path, $"\"{key}\" is missing");
        string Text(string key) => Get(key).ValueKind == JsonValueKind.String ? Get(key).GetString()! : Get(key).ToString();
        int Number(JsonElement element, string key) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) && n >= 0 ? n : throw new MorphologyDataException(path, $"\"{key}\" is not a count");

        var format = Text("format_version");
        if (!format.StartsWith("2.", StringComparison.Ordinal))
        {
            throw new MorphologyDataException(path, $"dictionary format {format}; this reader knows pymorphy2's format 2.x");
        }

        var options = Get("compile_options");
        if (options.ValueKind != JsonValueKind.Object || !options.TryGetProperty("paradigm_prefixes", out var prefixes) || prefixes.ValueKind != JsonValueKind.Array
            || !options.TryGetProperty("max_suffix_length", out var maxSuffix))
        {
            throw new MorphologyDataException(path, "\"compile_options\" lacks paradigm_prefixes or max_suffix_length");
        }

        var prefixList = prefixes.EnumerateArray().Select(p => p.GetString() ?? string.Empty).ToArray();
        if (prefixList.Length is 0 or > 8 || prefixList[0].Length != 0)
        {
            throw new MorphologyDataException(path, "\"paradigm_prefixes\" must start with the empty prefix");
        }

        return new DictionaryMeta(format, Text("source_version"), Text("source_revision"), Number(Get("source_lexemes_count"), "source_lexemes_count"),
            Number(Get("gramtab_length"), "gramtab_length"), Number(Get("paradigms_length"), "paradigms_length"),
            Number(Get("suffixes_length"), "suffixes_length"), Math.Clamp(Number(maxSuffix, "max_suffix_length"), 1, 16), prefixList);
    }
}
