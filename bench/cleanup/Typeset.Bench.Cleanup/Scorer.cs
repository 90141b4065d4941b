using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using Typeset.Interop.Hunspell;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Bench.Cleanup;

/// <summary>The classes an editor's marks fall into (README, "Cleanup benchmark").</summary>
public static class ErrorClass
{
    public const string NonWord = "non-word";
    public const string OtherForm = "real word: other form";
    public const string OtherWord = "real word: other word";
    public const string Yo = "ё read as е";
    public const string Case = "letter case";
    public const string Glued = "glued words";
    public const string Split = "split word";
    public const string Latin = "Latin look-alikes";
    public const string Digit = "letter–digit";
    public const string Hyphen = "line-end hyphen";
    public const string PageBreak = "paragraph split";
    public const string Merged = "paragraphs run together";
    public const string Placement = "caption or note in the text";
    public const string Marker = "footnote marker";
    public const string Punctuation = "punctuation, typography";
    public const string Furniture = "running head, folio";
    public const string Missing = "word lost";
    public const string Inserted = "word inserted";

    public static readonly string[] Order =
        [NonWord, OtherForm, OtherWord, Yo, Case, Glued, Split, Latin, Digit, Hyphen, PageBreak, Merged, Placement, Marker, Punctuation, Furniture, Missing, Inserted];

    /// <summary>Classes that are not word errors (layout and punctuation), left out of the word error rate.</summary>
    public static bool IsWordError(string kind) => kind is not (Punctuation or PageBreak or Merged or Placement or Marker);
}

/// <summary>
/// One mark an editor would make: where in the truth stream (tokens Start..End-1; Start == End: an insertion before
/// token Start), what the truth says and what the text says.
/// </summary>
public sealed record Mark(string Stream, string Kind, int Start, int End, string Truth, string Output)
{
    public bool IsInsertion => Start == End;
}

/// <summary>A text as streams of tokens: the body (headings and paragraphs, "¶" between them), captions, notes.</summary>
public sealed record TokenText(List<Token> Body, List<Token> Captions, List<Token> Notes, int Placements);

public sealed record Token(string Text, bool LineEndHyphen = false);

/// <summary>
/// Aligns an OCR'd (or cleaned) text with its truth word by word — punctuation and letter case count — and classifies
/// each difference. Works on any pair: Markdown (Typeset's) or plain text (a CLI's, blocks between blank lines).
/// </summary>
public sealed partial class Scorer(HunspellDictionary dictionary)
{
    private readonly Dictionary<string, bool> known = [];

    public static TokenText ReadMarkdown(string markdown) => Streams(MarkdownReader.Read(markdown, BookMeta.Untitled).Blocks);

    /// <summary>Plain text: blocks between blank lines are paragraphs; nothing is Markdown.</summary>
    public static TokenText ReadPlain(string text)
    {
        var blocks = Regex.Split(text.ReplaceLineEndings("\n"), @"\n\s*\n")
            .Where(b => b.Trim().Length > 0)
            .Select((b, i) => (Block)new Paragraph($"b{i}", ValueList<Inline>.Of(new Text(b.Trim()))))
            .ToList();
        return Streams(blocks);
    }

    private static TokenText Streams(IEnumerable<Block> blocks)
    {
        var body = new List<Token>();
        var captions = new List<Token>();
        var notes = new List<Token>();
        void Add(List<Token> stream, IEnumerable<Inline> content)
        {
            if (stream.Count > 0)
            {
                stream.Add(new Token("¶"));
            }

            stream.AddRange(Tokenize(Visible(content)));
        }

        foreach (var block in blocks)
        {
            switch (block)
            {
                case Figure f: Add(captions, f.Caption); break;
                // A note's paragraphs are one note; every other block's text (quotes, lists, verse…) is body text.
                case Footnote n: Add(notes, BookWalk.TextOf(n).SelectMany((part, i) => i == 0 ? part.Content : part.Content.Prepend(new Text(" ")))); break;
                default: BookWalk.TextOf(block).ToList().ForEach(part => Add(body, part.Content)); break;
            }
        }

        return new TokenText(JoinHyphenatedBreaks(body), captions, notes, 0);
    }

    /// <summary>A word hyphenated across a page (or a figure): "го-" at a paragraph's end, "сударство" opening the next, is one token.</summary>
    private static List<Token> JoinHyphenatedBreaks(List<Token> stream)
    {
        var result = new List<Token>(stream.Count);
        for (var i = 0; i < stream.Count; i++)
        {
            if (i + 3 < stream.Count && char.IsLetter(stream[i].Text[^1]) && stream[i + 1].Text == "-" && stream[i + 2].Text == "¶" && char.IsLower(stream[i + 3].Text[0]))
            {
                result.Add(new Token(stream[i].Text + "-" + stream[i + 3].Text, true));
                i += 3;
                continue;
            }

            result.Add(stream[i]);
        }

        return result;
    }

    /// <summary>What a reader sees, soft line breaks kept as "\n" (so a line-end hyphen is known), any note marker as "[^]".</summary>
    private static string Visible(IEnumerable<Inline> inlines)
    {
        var builder = new StringBuilder();
        void Walk(IEnumerable<Inline> items)
        {
            foreach (var inline in items)
            {
                switch (inline)
                {
                    case Text t: builder.Append(t.Value); break;
                    case Emphasis e: Walk(e.Content); break;
                    case Strong s: Walk(s.Content); break;
                    case Superscript: builder.Append("[^]"); break;
                    case FootnoteReference: builder.Append("[^]"); break;
                    case LineBreak b: builder.Append(b.Hard ? ' ' : '\n'); break;
                }
            }
        }

        Walk(inlines);
        return builder.ToString();
    }

    public static List<Token> Tokenize(string text)
    {
        text = text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace("\u00AD", string.Empty);
        // A number range is one token whichever dash joins it: the truth keeps its source's hyphen, a book sets an en dash.
        text = NumberRange().Replace(text, "$1-$2");
        // Initials are one text however they are spaced: "В.И.Вернадский" (the source) and "В. И. Вернадский" (Russian typography).
        text = Initial().Replace(text, "$1. ");
        var tokens = new List<Token>();
        foreach (Match m in TokenPattern().Matches(LineEndHyphen().Replace(text, "$1\u0001$2")))
        {
            var value = m.Value;
            tokens.Add(value.Contains('\u0001') ? new Token(value.Replace('\u0001', '-'), true) : new Token(value));
        }

        return tokens;
    }

    /// <summary>
    /// Caption and note paragraphs OCR left in the text (a caption under its photo, a note at the page foot) are moved
    /// to their streams — one placement mark each — so their words are scored once, where they belong.
    /// </summary>
    public static TokenText Place(TokenText output, TokenText truth)
    {
        var truthCaptions = Paragraphs(truth.Captions);
        var truthNotes = Paragraphs(truth.Notes);
        var body = new List<Token>();
        var captions = new List<Token>(output.Captions);
        var notes = new List<Token>(output.Notes);
        var placements = 0;
        foreach (var whole in Paragraphs(output.Body))
        {
            var wholeBag = Bag(whole);
            var wholeCount = wholeBag.Values.Sum();
            var home = new[] { (truthCaptions, captions), (truthNotes, notes) }
                .SelectMany(x => x.Item1.Select(b => (Block: b, Stream: x.Item2)))
                .Select(x => (x.Stream, Score: Overlap(wholeBag, Bag(x.Block)), Length: x.Block.Count))
                .OrderByDescending(x => x.Score).FirstOrDefault();
            if (home.Stream is not null && wholeCount >= 2 && home.Score >= 0.6 * wholeCount && whole.Count <= home.Length * 1.5 + 3)
            {
                // A part of a caption or note (OCR often cuts one in two) is still one.
                Append(home.Stream, whole);
                placements++;
                continue;
            }

            Append(body, whole);
        }

        body = CarveStrays(truth.Body, body, [(truthCaptions, captions), (truthNotes, notes)], ref placements);
        return new TokenText(body, captions, notes, placements);

        static int Overlap(Dictionary<string, int> a, Dictionary<string, int> b) => a.Sum(w => Math.Min(w.Value, b.GetValueOrDefault(w.Key)));

        static void Append(List<Token> stream, List<Token> paragraph)
        {
            if (stream.Count > 0)
            {
                stream.Add(new Token("¶"));
            }

            stream.AddRange(paragraph);
        }
    }

    /// <summary>
    /// A caption or note (or a part of one: OCR often cuts one in two) run together with body text — by OCR, or by a
    /// join that carried it across a page break — is carved out and moved to its stream (one placement mark), so its
    /// words are not scored twice, as body words inserted here and as caption words lost there. Only output tokens the
    /// body diff cannot pair with the truth's body are candidates, so a body word is never taken away from the body.
    /// </summary>
    private static List<Token> CarveStrays(List<Token> truthBody, List<Token> body, (List<List<Token>> Truth, List<Token> Stream)[] sides, ref int placements)
    {
        var blocks = sides.SelectMany(side => side.Truth.Select(block => (Words: block.Where(IsWord).Select(t => t.Text.ToLowerInvariant()).ToList(), side.Stream))).Where(b => b.Words.Count >= 2).ToList();
        if (blocks.Count == 0)
        {
            return body;
        }

        var diff = Differ.Instance.CreateDiffs(string.Join("\n", truthBody.Select(t => t.Text)), string.Join("\n", body.Select(t => t.Text)), false, false, LineChunker.Instance);
        var carved = new bool[body.Count];
        foreach (var hunk in diff.DiffBlocks)
        {
            var from = hunk.InsertStartB;
            var to = hunk.InsertStartB + hunk.InsertCountB;
            for (var s = from; s < to; s++)
            {
                if (!IsWord(body[s]))
                {
                    continue;
                }

                // The longest stretch from here whose words (two in three at least, an OCR misreading allowed) are one
                // block's: two words or more, eight letters or more of them, so a stray "и в" is never taken for a caption.
                var best = (End: -1, Block: -1);
                for (var b = 0; b < blocks.Count; b++)
                {
                    int words = 0, inBlock = 0, letters = 0, misses = 0, end = -1;
                    for (var e = s; e < to && body[e].Text != "¶"; e++)
                    {
                        if (!IsWord(body[e]))
                        {
                            continue;
                        }

                        words++;
                        if (InBlock(body[e].Text, blocks[b].Words))
                        {
                            inBlock++;
                            letters += body[e].Text.Length;
                            misses = 0;
                            if (inBlock >= 2 && letters >= 8 && inBlock * 3 >= words * 2)
                            {
                                end = e + 1;
                            }
                        }
                        else if (++misses > 3)
                        {
                            break;
                        }
                    }

                    if (end > best.End)
                    {
                        best = (end, b);
                    }
                }

                if (best.Block < 0)
                {
                    continue;
                }

                // Punctuation ending the stretch (its full stop) goes with it, and the text around it stays as it was.
                var stop = best.End;
                while (stop < to && body[stop].Text != "¶" && !IsWord(body[stop]))
                {
                    stop++;
                }

                var stream = blocks[best.Block].Stream;
                if (stream.Count > 0)
                {
                    stream.Add(new Token("¶"));
                }

                stream.AddRange(body.GetRange(s, stop - s));
                Array.Fill(carved, true, s, stop - s);
                placements++;
                s = stop - 1;
            }
        }

        // What is left, without the paragraph breaks a carved block leaves doubled or hanging.
        var result = new List<Token>(body.Count);
        foreach (var token in body.Where((_, i) => !carved[i]))
        {
            if (token.Text != "¶" || result.Count > 0 && result[^1].Text != "¶")
            {
                result.Add(token);
            }
        }

        if (result.Count > 0 && result[^1].Text == "¶")
        {
            result.RemoveAt(result.Count - 1);
        }

        return result;

        static bool InBlock(string word, List<string> block)
        {
            var lower = word.ToLowerInvariant();
            return block.Contains(lower) || lower.Length >= 4 && block.Any(w => Math.Abs(w.Length - lower.Length) <= lower.Length / 3 && Levenshtein(w, lower) * 3 <= lower.Length);
        }
    }

    private static bool IsWord(Token token) => char.IsLetterOrDigit(token.Text[0]);

    private static List<List<Token>> Paragraphs(List<Token> stream)
    {
        var result = new List<List<Token>> { new() };
        foreach (var token in stream)
        {
            if (token.Text == "¶")
            {
                result.Add([]);
            }
            else
            {
                result[^1].Add(token);
            }
        }

        return result.Where(p => p.Count > 0).ToList();
    }

    private static Dictionary<string, int> Bag(List<Token> tokens) =>
        tokens.Where(t => char.IsLetterOrDigit(t.Text[0])).GroupBy(t => t.Text.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Every mark between the truth and an output, stream by stream; furniture is the running heads' and folios' words.</summary>
    public List<Mark> Marks(TokenText truth, TokenText output, ISet<string> furniture)
    {
        var placed = Place(output, truth);
        var marks = new List<Mark>();
        marks.AddRange(Compare("body", truth.Body, placed.Body, furniture));
        marks.AddRange(CompareSide("captions", truth.Captions, placed.Captions, furniture));
        marks.AddRange(CompareSide("notes", truth.Notes, placed.Notes, furniture));
        for (var i = 0; i < placed.Placements; i++)
        {
            marks.Add(new Mark("layout", ErrorClass.Placement, i, i + 1, string.Empty, string.Empty));
        }

        return marks;
    }

    /// <summary>
    /// Captions and notes are compared block with block, each output block with the truth block it shares most words
    /// with: their order in a text says nothing (a note bound by OCR, another found in the text and moved here). The
    /// parts of one block (OCR cut a caption in two, or a join carried its tail into the text) are put together in the
    /// order of the truth's words and compared as one.
    /// </summary>
    private IEnumerable<Mark> CompareSide(string stream, List<Token> truth, List<Token> output, ISet<string> furniture)
    {
        const int Stride = 100_000;
        var truthBlocks = Paragraphs(truth);
        var truthBags = truthBlocks.Select(Bag).ToList();
        var parts = new Dictionary<int, List<(int At, List<Token> Block)>>();
        var marks = new List<Mark>();
        foreach (var block in Paragraphs(output))
        {
            var bag = Bag(block);
            var best = Enumerable.Range(0, truthBlocks.Count).Select(i => (Index: i, Score: bag.Sum(w => Math.Min(w.Value, truthBags[i].GetValueOrDefault(w.Key)))))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Index).FirstOrDefault((Index: -1, Score: 0));
            if (best.Index < 0 || best.Score == 0)
            {
                marks.AddRange(block.Select(t => new Mark(stream, Classify([], [t], furniture), Stride * truthBlocks.Count, Stride * truthBlocks.Count, string.Empty, t.Text)));
                continue;
            }

            // Where in the truth block this part stands: the median place of its words found there.
            var words = truthBlocks[best.Index].Select(t => t.Text.ToLowerInvariant()).ToList();
            var places = block.Select(t => words.IndexOf(t.Text.ToLowerInvariant())).Where(i => i >= 0).Order().ToList();
            var at = places.Count > 0 ? places[places.Count / 2] : int.MaxValue;
            (parts.TryGetValue(best.Index, out var list) ? list : parts[best.Index] = []).Add((at, block));
        }

        foreach (var (index, list) in parts)
        {
            var joined = list.OrderBy(p => p.At).SelectMany(p => p.Block).ToList();
            marks.AddRange(Compare(stream, truthBlocks[index], joined, furniture).Select(m => m with { Start = m.Start + Stride * index, End = m.End + Stride * index }));
        }

        foreach (var index in Enumerable.Range(0, truthBlocks.Count).Where(i => !parts.ContainsKey(i)))
        {
            marks.AddRange(truthBlocks[index].Select((t, i) => new Mark(stream, Classify([t], [], furniture), Stride * index + i, Stride * index + i + 1, t.Text, string.Empty)));
        }

        return marks;
    }

    private IEnumerable<Mark> Compare(string stream, List<Token> truth, List<Token> output, ISet<string> furniture)
    {
        var diff = Differ.Instance.CreateDiffs(string.Join("\n", truth.Select(t => t.Text)), string.Join("\n", output.Select(t => t.Text)), false, false, LineChunker.Instance);
        foreach (var block in diff.DiffBlocks)
        {
            var t = truth.Skip(block.DeleteStartA).Take(block.DeleteCountA).ToList();
            var o = output.Skip(block.InsertStartB).Take(block.InsertCountB).ToList();
            foreach (var mark in Hunk(stream, block.DeleteStartA, t, o, furniture))
            {
                yield return mark;
            }
        }
    }

    /// <summary>
    /// One differing stretch, its tokens paired by a small alignment (one to one, or glued and split words); a lost
    /// paragraph break is a deleted "¶", an extra one an inserted "¶", never paired with a word.
    /// </summary>
    private IEnumerable<Mark> Hunk(string stream, int at, List<Token> truth, List<Token> output, ISet<string> furniture)
    {
        var words = output.Where(t => t.Text != "¶").ToList();
        if (words.Any(IsWord) && words.All(t => furniture.Contains(t.Text)) && truth.All(t => t.Text == "¶") && truth.Count <= output.Count(t => t.Text == "¶"))
        {
            // A running head or folio between two halves of a paragraph brings its own breaks: one mark, the furniture.
            yield return new Mark(stream, ErrorClass.Furniture, at, at, string.Empty, string.Join(" ", output.Select(x => x.Text)));
            yield break;
        }

        var n = truth.Count;
        var m = output.Count;
        var cost = new double[n + 1, m + 1];
        var move = new (int Di, int Dj)[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                cost[i, j] = double.MaxValue;
                foreach (var (di, dj) in Moves)
                {
                    if (di > i || dj > j)
                    {
                        continue;
                    }

                    var step = StepCost(truth.GetRange(i - di, di), output.GetRange(j - dj, dj));
                    if (step < double.MaxValue && cost[i - di, j - dj] + step < cost[i, j])
                    {
                        cost[i, j] = cost[i - di, j - dj] + step;
                        move[i, j] = (di, dj);
                    }
                }
            }
        }

        var steps = new List<(int I, int J, int Di, int Dj)>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (di, dj) = move[i, j];
            steps.Add((i - di, j - dj, di, dj));
            i -= di;
            j -= dj;
        }

        steps.Reverse();
        foreach (var (i, j, di, dj) in steps)
        {
            var truthPart = truth.GetRange(i, di);
            var outputPart = output.GetRange(j, dj);
            var truthText = string.Join(" ", truthPart.Select(x => x.Text));
            var outputText = string.Join(" ", outputPart.Select(x => x.Text));
            if (di == 1 && dj == 1 && truthText == outputText)
            {
                continue;
            }

            var kind = truthText == "¶" && dj == 0 ? ErrorClass.Merged
                : outputText == "¶" && di == 0 ? ErrorClass.PageBreak
                : Classify(truthPart, outputPart, furniture);
            yield return new Mark(stream, kind, at + i, at + i + di, truthText, outputText);
        }
    }

    private static readonly (int, int)[] Moves = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3)];

    private static double StepCost(List<Token> truthPart, List<Token> outputPart)
    {
        var (di, dj) = (truthPart.Count, outputPart.Count);
        if (di == 0 || dj == 0)
        {
            return 1;
        }

        var breaks = truthPart.Count(t => t.Text == "¶") + outputPart.Count(t => t.Text == "¶");
        if (breaks > 0)
        {
            return breaks == 2 && di == 1 && dj == 1 ? 0 : double.MaxValue;
        }

        var a = string.Concat(truthPart.Select(t => t.Text));
        var b = string.Concat(outputPart.Select(t => t.Text));
        var distance = (double)Levenshtein(a.ToLowerInvariant(), b.ToLowerInvariant()) / Math.Max(a.Length, b.Length);
        // A glued or split pairing must explain its tokens better than one-to-one pairs would.
        return di == 1 && dj == 1 ? distance * 1.6 : distance * 1.6 + 0.3 * (di + dj - 2) + (distance > 0.34 ? 2 : 0);
    }

    private string Classify(List<Token> truth, List<Token> output, ISet<string> furniture)
    {
        var t = string.Join(" ", truth.Select(x => x.Text));
        var o = string.Join(" ", output.Select(x => x.Text));
        if (truth.Count == 0)
        {
            // A running head's words, never a lone full stop that a running head also holds.
            return output.Any(IsWord) && output.All(x => furniture.Contains(x.Text)) ? ErrorClass.Furniture
                : output.All(x => x.Text == "[^]") ? ErrorClass.Marker
                : output.All(x => !char.IsLetterOrDigit(x.Text[0])) ? ErrorClass.Punctuation : ErrorClass.Inserted;
        }

        if (output.Count == 0)
        {
            return truth.All(x => x.Text == "[^]") ? ErrorClass.Marker
                : truth.All(x => !char.IsLetterOrDigit(x.Text[0])) ? ErrorClass.Punctuation : ErrorClass.Missing;
        }

        if (t.Contains("[^]") || o.Contains("[^]"))
        {
            return ErrorClass.Marker;
        }

        if (truth.Count > 1 && output.Count == 1)
        {
            return ErrorClass.Glued;
        }

        if (truth.Count == 1 && output.Count > 1)
        {
            return ErrorClass.Split;
        }

        if (truth.All(x => !char.IsLetterOrDigit(x.Text[0])) || output.All(x => !char.IsLetterOrDigit(x.Text[0])))
        {
            return ErrorClass.Punctuation;
        }

        if (string.Equals(t, o, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorClass.Case;
        }

        if (t.Replace('ё', 'е').Replace('Ё', 'Е') == o.Replace('ё', 'е').Replace('Ё', 'Е'))
        {
            return ErrorClass.Yo;
        }

        if (t.Replace("-", string.Empty) == o.Replace("-", string.Empty) || output.Any(x => x.LineEndHyphen))
        {
            return ErrorClass.Hyphen;
        }

        if (o.Any(IsLatin) && !t.Any(IsLatin) || t.Any(IsLatin) && o.Any(IsCyrillic) && !t.Any(IsCyrillic))
        {
            return ErrorClass.Latin;
        }

        if (o.Any(char.IsDigit) != t.Any(char.IsDigit) || o.Count(char.IsDigit) != t.Count(char.IsDigit) && o.Any(char.IsLetter))
        {
            return ErrorClass.Digit;
        }

        if (!o.All(c => char.IsLetter(c) || c == '-'))
        {
            return ErrorClass.NonWord;
        }

        if (!Known(o))
        {
            return ErrorClass.NonWord;
        }

        var truthStems = dictionary.Stem(t).Concat(dictionary.Stem(t.ToLowerInvariant())).ToHashSet();
        var outputStems = dictionary.Stem(o).Concat(dictionary.Stem(o.ToLowerInvariant()));
        return outputStems.Any(truthStems.Contains) ? ErrorClass.OtherForm : ErrorClass.OtherWord;
    }

    private bool Known(string word)
    {
        if (!known.TryGetValue(word, out var result))
        {
            result = dictionary.Spell(word) || (char.IsUpper(word[0]) && dictionary.Spell(word.ToLowerInvariant()));
            known[word] = result;
        }

        return result;
    }

    private static bool IsLatin(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    private static bool IsCyrillic(char c) => c is >= 'А' and <= 'я' or 'ё' or 'Ё';

    /// <summary>Edit distance from DiffPlex's character diff (each changed stretch costs its longer side).</summary>
    public static int Levenshtein(string a, string b) =>
        Differ.Instance.CreateCharacterDiffs(a, b, false).DiffBlocks.Sum(block => Math.Max(block.DeleteCountA, block.InsertCountB));

    public static int WordCount(TokenText text) =>
        text.Body.Concat(text.Captions).Concat(text.Notes).Count(t => char.IsLetterOrDigit(t.Text[0]));

    /// <summary>Compound words of the truth (with their own hyphen) that the output had broken at that hyphen at a line end.</summary>
    public static List<int> CompoundsAtLineEnds(List<Token> truth, List<Token> raw)
    {
        var diff = Differ.Instance.CreateDiffs(string.Join("\n", truth.Select(t => t.Text)), string.Join("\n", raw.Select(t => t.Text)), false, false, LineChunker.Instance);
        var result = new List<int>();
        int a = 0, b = 0;
        foreach (var block in diff.DiffBlocks.Append(new DiffPlex.Model.DiffBlock(truth.Count, 0, raw.Count, 0)))
        {
            for (; a < block.DeleteStartA && b < block.InsertStartB; a++, b++)
            {
                if (raw[b].LineEndHyphen)
                {
                    result.Add(a);
                }
            }

            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        return result;
    }

    [GeneratedRegex(@"(\p{L})-\n(\p{L})")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(\p{Lu})\.(?=\p{Lu})")]
    private static partial Regex Initial();

    [GeneratedRegex(@"(\d)[–—](\d)")]
    private static partial Regex NumberRange();

    [GeneratedRegex(@"\[\^\]|[\p{L}\p{N}\u0001]+(?:[-'’.][\p{L}\p{N}\u0001]+)*|…|\.\.\.|[^\s\p{L}\p{N}]")]
    private static partial Regex TokenPattern();
}

internal sealed class LineChunker : IChunker
{
    public static readonly LineChunker Instance = new();

    public IReadOnlyList<string> Chunk(string text) => text.Split('\n');
}
