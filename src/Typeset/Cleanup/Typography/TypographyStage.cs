using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Typography;

/// <summary>Applies <see cref="RussianTypography"/> to every text block; each rule family can be switched off in pipeline.json.</summary>
public sealed partial class TypographyStage : CleanupStage
{
    public const string StageName = "typography";

    public static IReadOnlyList<string> Options { get; } = RussianTypography.Rules.Select(r => r.Option).Distinct().ToList();

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var rules = RussianTypography.Rules.Where(r => context.Stage.GetBoolean(r.Option, true)).ToList();
        var edits = new List<Edit>();
        foreach (var part in BookWalk.TextParts(book))
        {
            if (part.Content.Any(i => i is RawInline))
            {
                continue;
            }

            // A title verso's own line ends (УДК, ББК, author mark, ISBN, each © line) are not the scan's wraps.
            var inImprint = book.Blocks[part.TopLevel] is FrontMatter { Kind: FrontMatterKind.Imprint };
            var text = MarkdownWriter.SourceText(part);
            var protectedSpans = Untouchable().Matches(text).Select(m => (Start: m.Index, End: m.Index + m.Length))
                .Concat(MarkdownWriter.ProtectedSpans(part)).ToList();
            foreach (var rule in rules)
            {
                foreach (var fix in rule.Find(text))
                {
                    if (inImprint && rule.Id == RussianTypography.LineBreaksRule && ImprintLineEnd(text, fix.Start))
                    {
                        continue;
                    }

                    if (!protectedSpans.Any(span => fix.Start < span.End && fix.Start + fix.Before.Length > span.Start))
                    {
                        edits.Add(new Edit(StageName, rule.Id, part.Id, fix.Start, fix.Before, fix.After, fix.Confidence, fix.Reason));
                    }
                }
            }
        }

        return edits;
    }

    /// <summary>Whether the line end at <paramref name="index"/> of an imprint's text is one the verso keeps.</summary>
    private static bool ImprintLineEnd(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var nextEnd = text.IndexOf('\n', index + 1);
        var before = text[lineStart..index];
        var after = nextEnd < 0 ? text[(index + 1)..] : text[(index + 1)..nextEnd];
        return ImprintLines.KeepsBreak(before, after);
    }

    /// <summary>URLs, e-mail addresses, footnote references and superscripts: typography never changes them.</summary>
    [GeneratedRegex(@"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\[\^[^\]]+\]|<sup>[^<]*</sup>")]
    private static partial Regex Untouchable();
}
