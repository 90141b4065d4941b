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
        foreach (var block in book.Blocks)
        {
            if (block is not (Paragraph or Heading or Figure or Footnote) || HasRawHtml(block))
            {
                continue;
            }

            var text = MarkdownWriter.SourceText(block);
            var protectedSpans = Untouchable().Matches(text).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
            foreach (var rule in rules)
            {
                foreach (var fix in rule.Find(text))
                {
                    if (!protectedSpans.Any(span => fix.Start < span.End && fix.Start + fix.Before.Length > span.Index))
                    {
                        edits.Add(new Edit(StageName, rule.Id, block.Id, fix.Start, fix.Before, fix.After, fix.Confidence, fix.Reason));
                    }
                }
            }
        }

        return edits;
    }

    private static bool HasRawHtml(Block block) => block switch
    {
        Paragraph p => p.Content.Any(i => i is RawInline),
        _ => false,
    };

    /// <summary>URLs, e-mail addresses, footnote references and superscripts: typography never changes them.</summary>
    [GeneratedRegex(@"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\[\^[^\]]+\]|<sup>[^<]*</sup>")]
    private static partial Regex Untouchable();
}
