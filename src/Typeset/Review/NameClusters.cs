using System.Text.RegularExpressions;
using Typeset.Cleanup.Names;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Model;

namespace Typeset.Review;

/// <summary>
/// One name spelled several ways, as the names stage unified it: the spelling it chose and every form the book has,
/// with counts, so the editor decides the name once (or chooses another spelling) instead of once per occurrence.
/// </summary>
public sealed record NameCluster(string Chosen, IReadOnlyList<NameForm> Forms, IReadOnlyList<string> EditIds, double Confidence);

/// <summary>A spelling of the name: its stem (<c>Гоминьдан</c>), the word the book uses most in it, and how often the raw book has it.</summary>
public sealed record NameForm(string Stem, string Word, int Count);

public static partial class NameClusters
{
    public static IReadOnlyList<NameCluster> Build(IReadOnlyList<EditRecord> log, Book raw)
    {
        var names = log.Where(r => r.Stage == NamesStage.StageName && r.Scope == EditScope.Text && r.JoinedBlock is null).ToList();
        if (names.Count == 0)
        {
            return [];
        }

        // How often the raw book writes each stem, and its commonest word in that stem.
        var words = BookWalk.TextParts(raw).SelectMany(p => Name().Matches(MarkdownWriter.SourceText(p)).Select(m => m.Value)).ToList();
        var byStem = words.GroupBy(w => NameForms.Split(w).Stem, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Word: g.GroupBy(w => w).OrderByDescending(x => x.Count()).First().Key), StringComparer.Ordinal);

        var clusters = new List<NameCluster>();
        foreach (var group in names.GroupBy(r => NameForms.Key(r.After), StringComparer.Ordinal))
        {
            var chosen = group.GroupBy(r => NameForms.Split(r.After).Stem).OrderByDescending(g => g.Count()).First().Key;
            var stems = group.Select(r => NameForms.Split(r.Before).Stem).Prepend(chosen).Distinct(StringComparer.Ordinal).ToList();
            var forms = stems
                .Select(stem => byStem.TryGetValue(stem, out var seen)
                    ? new NameForm(stem, seen.Word, seen.Count)
                    : new NameForm(stem, group.FirstOrDefault(r => NameForms.Split(r.Before).Stem == stem)?.Before ?? stem, 0))
                .ToList();
            clusters.Add(new NameCluster(chosen, forms, group.Select(r => r.Id).ToList(), group.Min(r => r.Confidence)));
        }

        return clusters;
    }

    /// <summary>A capitalised word, hyphenated parts included (as the names stage finds names).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}*)*(?![\p{L}\p{N}])")]
    private static partial Regex Name();
}
