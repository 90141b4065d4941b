using System.Text.Json;
using Typeset.Morphology;
using Typeset.Tests.Support;

namespace Typeset.Tests.Morphology;

public class OpenCorporaDictionaryTests
{
    /// <summary>
    /// Every key of words.dawg: as many as meta.json says, each with a (paradigm, form) that exists, each word carrying
    /// its form's prefix and suffix; and for a sample, the lemma built from the paradigm is itself in the dictionary.
    /// </summary>
    [Fact]
    public void The_whole_word_index_is_consistent_with_the_paradigms()
    {
        var dictionary = MorphologyData.Analyzer.Dictionary;
        var analyzer = MorphologyData.Analyzer;
        var affixes = new Dictionary<string, byte[]>();
        byte[] Bytes(string text) => affixes.TryGetValue(text, out var b) ? b : affixes[text] = Cp1251.Encode(text);
        var failures = new List<string>();
        var lemmasChecked = 0;
        var longest = 0;

        var count = dictionary.VisitAllWords((word, paradigm, form) =>
        {
            longest = Math.Max(longest, word.Length);
            if (!word.EndsWith(Bytes(dictionary.SuffixOf(paradigm, form))) || !word.StartsWith(Bytes(dictionary.PrefixOf(paradigm, form))))
            {
                failures.Add($"paradigm {paradigm} form {form}: a word without the form's affixes");
            }

            if ((paradigm * 31 + form + word.Length) % 211 == 0)
            {
                var text = Cp1251.Decode(word);
                var lemma = dictionary.LemmaOf(paradigm, form, text);
                if (!analyzer.Analyze(lemma).Any(p => p.IsKnown && p.Word == lemma && p.Tag == dictionary.TagOf(paradigm, 0)))
                {
                    failures.Add($"{text}: lemma {lemma} {dictionary.TagOf(paradigm, 0)} is not in the dictionary");
                }

                lemmasChecked++;
            }
        });

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dictionary.Folder, "meta.json")));
        var declared = meta.RootElement.EnumerateArray().Single(e => e[0].GetString() == "words_dawg_length")[1].GetInt64();
        Assert.Equal(declared, count);
        Assert.Empty(failures.Take(20));
        Assert.True(lemmasChecked > 10_000, $"{lemmasChecked} lemmas checked");
        Assert.True(longest < MorphAnalyzer.MaxWordLength, $"a dictionary word of {longest} letters");
    }

    [Fact]
    public void Meta_gives_the_source_and_the_paradigm_prefixes()
    {
        var meta = MorphologyData.Analyzer.Dictionary.Meta;

        Assert.StartsWith("2.", meta.FormatVersion);
        Assert.False(string.IsNullOrEmpty(meta.SourceRevision));
        Assert.Equal(["", "по", "наи"], meta.ParadigmPrefixes);
        Assert.Equal(5, meta.MaxSuffixLength);
        Assert.True(meta.LexemeCount > 300_000);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var error = Assert.Throws<MorphologyDataException>(() => MorphAnalyzer.Load("/nonexistent/dicts"));

        Assert.Equal("/nonexistent/dicts: folder not found", error.Message);
    }

    public static TheoryData<string> Files => new()
    {
        "words.dawg", "paradigms.array", "suffixes.json", "gramtab-opencorpora-int.json", "grammemes.json", "meta.json",
        "p_t_given_w.intdawg", "prediction-suffixes-0.dawg", "prediction-suffixes-2.dawg",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_missing_file_is_named(string name)
    {
        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        File.Delete(scratch.File(name));

        var error = Assert.Throws<MorphologyDataException>(() => MorphAnalyzer.Load(scratch.Path));

        Assert.Equal(scratch.File(name), error.File);
        Assert.StartsWith(scratch.File(name) + ": not found", error.Message);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_truncated_file_is_named(string name)
    {
        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        var bytes = File.ReadAllBytes(scratch.File(name));
        File.WriteAllBytes(scratch.File(name), bytes[..(bytes.Length / 2 + 1)]);

        var error = Assert.Throws<MorphologyDataException>(() => MorphAnalyzer.Load(scratch.Path));

        Assert.Equal(scratch.File(name), error.File);
    }

    [Fact]
    public void A_paradigm_pointing_past_the_suffix_table_is_reported()
    {
        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        var bytes = File.ReadAllBytes(scratch.File("paradigms.array"));
        bytes[4] = 0xFF;
        bytes[5] = 0xFF;
        File.WriteAllBytes(scratch.File("paradigms.array"), bytes);

        var error = Assert.Throws<MorphologyDataException>(() => MorphAnalyzer.Load(scratch.Path));

        Assert.Equal(scratch.File("paradigms.array") + ": paradigm 0 refers to suffix 65535, which does not exist", error.Message);
    }

    [Fact]
    public void A_tag_with_an_unknown_grammeme_is_reported()
    {
        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        var text = File.ReadAllText(scratch.File("gramtab-opencorpora-int.json"));
        File.WriteAllText(scratch.File("gramtab-opencorpora-int.json"), text.Replace("\"NOUN,anim,masc sing,nomn\"", "\"NOUN,anim,masc sing,nomx\""));

        var error = Assert.Throws<MorphologyDataException>(() => MorphAnalyzer.Load(scratch.Path));

        Assert.Contains("unknown grammeme \"nomx\"", error.Message);
    }

    /// <summary>
    /// Random bytes of a DAWG's units or guide overwritten (the size kept, so it loads): every look-up ends, with readings
    /// or with a MorphologyDataException naming the file, never with another exception or an endless walk.
    /// </summary>
    [Theory]
    [InlineData("words.dawg", false, 1)]
    [InlineData("words.dawg", true, 2)]
    [InlineData("prediction-suffixes-0.dawg", false, 3)]
    [InlineData("prediction-suffixes-0.dawg", true, 4)]
    [InlineData("p_t_given_w.intdawg", false, 5)]
    public async Task A_garbled_dawg_gives_readings_or_a_named_error_never_a_crash_or_a_hang(string name, bool guide, int seed)
    {
        using var scratch = new ScratchFolder();
        MorphologyData.CopyTo(scratch.Path);
        var path = scratch.File(name);
        var bytes = File.ReadAllBytes(path);
        var units = BitConverter.ToInt32(bytes);
        var (start, end) = guide ? (8 + units * 4, bytes.Length) : (4, 4 + units * 4);
        var random = new Random(seed);
        for (var i = 0; i < (end - start) / 200; i++)
        {
            bytes[random.Next(start, end)] = (byte)random.Next(256);
        }

        File.WriteAllBytes(path, bytes);
        var analyzer = MorphAnalyzer.Load(scratch.Path);
        var words = MorphologyData.SampleTokens().Take(4000)
            .Concat(["бутявка", "йотка", "псевдокошками", "кото-псевдопёс", "по-западному"]).ToArray();

        var damagedIn = new List<string>();
        var lookups = Task.Run(() =>
        {
            foreach (var word in words)
            {
                try
                {
                    _ = analyzer.Analyze(word)[0].Lexeme;
                    _ = analyzer.IsKnown(word);
                }
                catch (MorphologyDataException e)
                {
                    damagedIn.Add(e.File);
                }
            }
        });

        var finished = await Task.WhenAny(lookups, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == lookups, "a look-up in the garbled dictionary did not end");
        await lookups;
        Assert.All(damagedIn, file => Assert.Equal(path, file));
    }
}
