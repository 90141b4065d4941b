using System.Globalization;
using System.Text;
using Typeset.Model;

namespace Typeset.Publishing.Layout;

/// <summary>How a paragraph's text is set: family, base variant and size, first-line indent in points.</summary>
public sealed record ParagraphStyle(TypeFamily Family, FontVariant Variant, double Size, double FirstIndent = 0)
{
    /// <summary>The face for inline code; the family's own when null.</summary>
    public FontFace? Mono { get; init; }
}

/// <summary>
/// Turns inline content into boxes, glue and penalties. Each word fragment of one face is a box (adjacent
/// fragments have no glue, so a word never breaks between its italic and roman parts); spaces become glue,
/// no-break spaces glue behind a forbidding penalty, hard line breaks forced breaks. With hyphenation a word is
/// cut into boxes at its hyphenation points (flagged penalties carrying the hyphen glyph); soft hyphens in the text
/// are such points and are never drawn; a break may follow an explicit hyphen. A piece still wider than the
/// measure is cut into characters with free break points so it cannot run off the page.
/// </summary>
public static class ParagraphBuilder
{
    public const double SuperscriptScale = 0.6;

    public const double SuperscriptRise = 0.35;

    public const char SoftHyphen = '\u00AD';

    public static List<LineItem> Build(IEnumerable<Inline> content, ParagraphStyle style, double measure, WordHyphenation? hyphenation = null)
    {
        var builder = new ItemsBuilder(style, measure, hyphenation);
        builder.Indent();
        builder.Add(content, style.Variant);
        return builder.Finish();
    }

    private sealed class ItemsBuilder(ParagraphStyle style, double measure, WordHyphenation? hyphenation)
    {
        private readonly List<LineItem> items = [];
        private readonly StringBuilder fragment = new();
        private readonly List<int> softHyphens = [];
        private int footnoteOrdinal;
        private string? currentLink;
        private bool inCode;
        private bool fragmentIsCode;
        private FontVariant fragmentVariant;
        private bool fragmentIsSuperscript;
        private int wordStart = -1;
        private bool hadWord;
        private SpaceKind pendingSpace = SpaceKind.None;
        private FontVariant pendingSpaceVariant;
        private readonly Glue?[] spaces = new Glue?[(int)FontVariant.BoldItalic + 1];

        private enum SpaceKind
        {
            None,
            Breaking,
            NoBreak,
        }

        public void Indent()
        {
            if (style.FirstIndent > 0)
            {
                items.Add(new Box(style.FirstIndent));
            }
        }

        public void Add(IEnumerable<Inline> content, FontVariant variant)
        {
            foreach (var inline in content)
            {
                switch (inline)
                {
                    case Text text: AddText(text.Value, variant, superscript: false); break;
                    case Emphasis emphasis: Add(emphasis.Content, WithItalic(variant)); break;
                    case Strong strong: Add(strong.Content, WithBold(variant)); break;
                    case Superscript sup: AddText(sup.Value, variant, superscript: true); break;
                    case FootnoteReference reference: AddFootnoteReference(reference, variant); break;
                    case LineBreak { Hard: true }: ForceBreak(); break;
                    case LineBreak: AddText(" ", variant, superscript: false); break;
                    case RawInline: break;
                    case Link link:
                        // Its runs carry the target, so the PDF gets a link annotation over them.
                        EndFragment();
                        var enclosing = currentLink;
                        currentLink = Epub.XhtmlChapterWriter.IsExternal(link.Target) ? link.Target : enclosing;
                        Add(link.Content, variant);
                        EndFragment();
                        currentLink = enclosing;
                        break;
                    case Code code:
                        EndFragment();
                        inCode = true;
                        AddText(code.Value, variant, superscript: false);
                        EndFragment();
                        inCode = false;
                        break;
                    default: throw new InvalidOperationException($"Unknown inline {inline.GetType().Name}");
                }
            }
        }

        public List<LineItem> Finish()
        {
            EndWord();
            if (!hadWord)
            {
                return [];
            }

            TrimTrailingSpace();
            items.Add(Glue.Fill);
            items.Add(Penalty.ForcedBreak);
            return items;
        }

        private void AddText(string text, FontVariant variant, bool superscript)
        {
            foreach (var ch in text)
            {
                var space = Classify(ch);
                if (space != SpaceKind.None)
                {
                    EndWord();
                    if (pendingSpace == SpaceKind.None)
                    {
                        pendingSpaceVariant = variant;
                    }

                    // Never break where a no-break space stands, even if an ordinary space sits next to it.
                    pendingSpace = pendingSpace == SpaceKind.NoBreak ? SpaceKind.NoBreak : space;
                    continue;
                }

                if (ch == SoftHyphen)
                {
                    softHyphens.Add(fragment.Length);
                    continue;
                }

                if (fragment.Length > 0 && (variant != fragmentVariant || superscript != fragmentIsSuperscript))
                {
                    EndFragment();
                }

                if (pendingSpace != SpaceKind.None)
                {
                    EmitSpace();
                }

                if (fragment.Length == 0)
                {
                    (fragmentVariant, fragmentIsSuperscript, fragmentIsCode) = (variant, superscript, inCode);
                    if (wordStart < 0)
                    {
                        wordStart = items.Count;
                    }
                }

                fragment.Append(ch);
            }
        }

        private void AddFootnoteReference(FootnoteReference reference, FontVariant variant)
        {
            // A box of its own, so the line that holds it is known (its note goes on that line's page).
            EndFragment();
            AddText(reference.Label, variant, superscript: true);
            EndFragment();
            if (items.Count > 0 && items[^1] is Box { Run: not null } box)
            {
                items[^1] = box with { FootnoteOrdinal = footnoteOrdinal };
            }

            footnoteOrdinal++;
        }

        private void ForceBreak()
        {
            EndWord();
            TrimTrailingSpace();
            pendingSpace = SpaceKind.None;
            items.Add(Glue.Fill);
            items.Add(Penalty.ForcedBreak);
        }

        private void EmitSpace()
        {
            // Leading space of the paragraph or of a line after a forced break is dropped.
            if (items.Count > 0 && items[^1] is Box { Run: not null })
            {
                if (pendingSpace == SpaceKind.NoBreak)
                {
                    items.Add(Penalty.NoBreak);
                }

                items.Add(spaces[(int)pendingSpaceVariant] ??= SpaceGlue(style.Family[pendingSpaceVariant].Measure(" ", style.Size)));
            }

            pendingSpace = SpaceKind.None;
        }

        private static Glue SpaceGlue(double width) => new(width, width / 2, width / 3);

        private void EndFragment()
        {
            if (fragment.Length == 0)
            {
                return;
            }

            var text = fragment.ToString();
            if (currentLink is null && !fragmentIsCode && !fragmentIsSuperscript && softHyphens.Count == 0)
            {
                // The common case, a plain word: its pieces depend only on face, size and hyphenation, so they are shared.
                var face = style.Family[fragmentVariant];
                fragment.Clear();
                if (!face.TryGetWordItems(text, style.Size, hyphenation, out var shared))
                {
                    var made = new List<LineItem>();
                    AddPieces(made, new TextRun(text, face, style.Size));
                    shared = face.AddWordItems(text, style.Size, hyphenation, [.. made]);
                }

                items.AddRange(shared);
                return;
            }

            var run = MakeRun(text, fragmentVariant, fragmentIsSuperscript);
            if (fragmentIsCode)
            {
                // Code is never hyphenated: a hyphen would change it.
                run = new TextRun(run.Text, style.Mono ?? run.Face, run.Size, run.Rise) { Link = run.Link };
            }

            var breaks = fragmentIsSuperscript || fragmentIsCode ? [] : BreakPoints(run.Text);
            fragment.Clear();
            softHyphens.Clear();
            if (!fragmentIsSuperscript)
            {
                AddPieces(items, run, breaks);
                return;
            }

            items.Add(new Box(run.Face.Measure(run.Text, run.Size), run));
        }

        /// <summary>A word's boxes: an address cut after its separators, else pieces between hyphenation points.</summary>
        private void AddPieces(List<LineItem> items, TextRun run, List<(int Offset, bool Explicit)>? breaks = null)
        {
            if (IsAddress(run.Text))
            {
                AddAddress(items, run);
                return;
            }

            breaks ??= BreakPoints(run.Text);
            if (breaks.Count == 0)
            {
                items.Add(new Box(run.Face.Measure(run.Text, run.Size), run));
                return;
            }

            var widths = run.Face.MeasurePieces(run.Text, breaks.Select(b => b.Offset).ToList(), run.Size);
            var hyphen = run with { Text = "-" };
            var hyphenWidth = run.Face.Measure(hyphen.Text, hyphen.Size);
            var previous = 0;
            for (var k = 0; k <= breaks.Count; k++)
            {
                var end = k < breaks.Count ? breaks[k].Offset : run.Text.Length;
                items.Add(new Box(widths[k], run with { Text = run.Text[previous..end] }));
                if (k < breaks.Count)
                {
                    items.Add(breaks[k].Explicit
                        ? new Penalty(0, WordHyphenation.HyphenPenalty, Flagged: true) { PostBreak = hyphen, PostBreakWidth = hyphenWidth }
                        : new Penalty(hyphenWidth, WordHyphenation.HyphenPenalty, Flagged: true, hyphen));
                }

                previous = end;
            }
        }

        /// <summary>Soft hyphens if the word has any, else hyphenation points; plus breaks after explicit hyphens between words.</summary>
        private List<(int Offset, bool Explicit)> BreakPoints(string text)
        {
            var points = new List<(int Offset, bool Explicit)>();
            if (IsAddress(text))
            {
                return points;
            }

            if (softHyphens.Count > 0)
            {
                points.AddRange(softHyphens.Where(p => p > 0 && p < text.Length).Distinct().Select(p => (p, false)));
            }
            else if (hyphenation is not null)
            {
                points.AddRange(hyphenation.Points(text).Select(p => (p, false)));
            }

            for (var i = 2; i < text.Length - 2; i++)
            {
                if (text[i] is '-' or '\u2010' && char.IsLetter(text[i - 1]) && char.IsLetter(text[i - 2]) && char.IsLetter(text[i + 1]) && char.IsLetter(text[i + 2]))
                {
                    points.Add((i + 1, true));
                }
            }

            points.RemoveAll(p => p.Offset <= 0 || p.Offset >= text.Length || (!p.Explicit && (text[p.Offset - 1] is '-' or '\u2010' || text[p.Offset] is '-' or '\u2010')));
            points.Sort();
            return points;
        }

        /// <summary>A URL, e-mail or path: broken after its separators, never hyphenated (a hyphen would change it).</summary>
        private static bool IsAddress(string text) =>
            text.Contains("://", StringComparison.Ordinal) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
            || (text.Contains('@') && text.Contains('.')) || text.Count(ch => ch == '/') >= 2;

        private static void AddAddress(List<LineItem> items, TextRun run)
        {
            var cuts = new List<int>();
            for (var i = 1; i < run.Text.Length - 1; i++)
            {
                if (run.Text[i] is '/' or '-' or '.' or '?' or '&' or '=' or '_' or '@' && run.Text[i + 1] is not '/')
                {
                    cuts.Add(i + 1);
                }
            }

            var widths = run.Face.MeasurePieces(run.Text, cuts, run.Size);
            var previous = 0;
            for (var k = 0; k <= cuts.Count; k++)
            {
                var end = k < cuts.Count ? cuts[k] : run.Text.Length;
                if (k > 0)
                {
                    // An unflagged break with no hyphen: not counted as a hyphenated line.
                    items.Add(new Penalty(0, WordHyphenation.HyphenPenalty / 2));
                }

                items.Add(new Box(widths[k], run with { Text = run.Text[previous..end] }));
                previous = end;
            }
        }

        private void EndWord()
        {
            EndFragment();
            if (wordStart < 0)
            {
                return;
            }

            var available = hadWord ? measure : measure - style.FirstIndent;
            var widest = 0.0;
            for (var i = wordStart; i < items.Count; i++)
            {
                widest = items[i] is Box box && box.Width > widest ? box.Width : widest;
            }

            if (widest > available)
            {
                SplitIntoCharacters(wordStart);
            }

            wordStart = -1;
            hadWord = true;
        }

        private void SplitIntoCharacters(int start)
        {
            var boxes = items.Skip(start).OfType<Box>().ToList();
            items.RemoveRange(start, items.Count - start);
            foreach (var box in boxes)
            {
                var run = box.Run!;
                if (box.FootnoteOrdinal is not null)
                {
                    items.Add(box);
                    continue;
                }

                var elements = StringInfo.GetTextElementEnumerator(run.Text);
                while (elements.MoveNext())
                {
                    if (items.Count > start)
                    {
                        items.Add(new Penalty(0, 0));
                    }

                    var piece = run with { Text = elements.GetTextElement() };
                    items.Add(new Box(piece.Face.Measure(piece.Text, piece.Size), piece));
                }
            }
        }

        private void TrimTrailingSpace()
        {
            while (items.Count > 0 && items[^1] is Glue or Penalty { IsForced: false })
            {
                items.RemoveAt(items.Count - 1);
            }
        }

        private TextRun MakeRun(string text, FontVariant variant, bool superscript) => superscript
            ? new TextRun(text, style.Family[variant], style.Size * SuperscriptScale, style.Size * SuperscriptRise) { Link = currentLink }
            : new TextRun(text, style.Family[variant], style.Size) { Link = currentLink };

        private static SpaceKind Classify(char ch) => ch switch
        {
            '\u00A0' or '\u202F' or '\u2007' => SpaceKind.NoBreak,
            _ when char.IsWhiteSpace(ch) => SpaceKind.Breaking,
            _ => SpaceKind.None,
        };

        private static FontVariant WithItalic(FontVariant variant) =>
            variant is FontVariant.Bold or FontVariant.BoldItalic ? FontVariant.BoldItalic : FontVariant.Italic;

        private static FontVariant WithBold(FontVariant variant) =>
            variant is FontVariant.Italic or FontVariant.BoldItalic ? FontVariant.BoldItalic : FontVariant.Bold;
    }
}
