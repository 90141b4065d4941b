namespace Typeset.Morphology.Units;

/// <summary>
/// A word and a particle after a hyphen (pymorphy2's HyphenSeparatedParticleAnalyzer): смотри-ка, ей-то,
/// измохратился-таки. The word is analysed without the particle; the particle stays in the form and the lemma.
/// </summary>
internal sealed class HyphenParticleUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private static readonly string[] Particles = ["-то", "-ка", "-таки", "-де", "-тко", "-тка", "-с", "-ста"];

    public void Parse(AnalysisContext context)
    {
        var lower = context.Lower;
        if (!lower.Contains('-'))
        {
            return;
        }

        foreach (var particle in Particles)
        {
            if (lower.Length <= particle.Length || !lower.EndsWith(particle, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var inner in analyzer.Analyze(lower[..^particle.Length]))
            {
                context.AddIfNotSeen(new WordParse(analyzer, inner.Word + particle, inner.Tag, inner.Score * 0.9, ParseMethod.HyphenParticle,
                    new AffixOrigin(inner, string.Empty, particle)));
            }

            // A word that ends with one particle cannot end with another.
            break;
        }
    }
}

/// <summary>по- and an adjective's dative singular is an adverb (pymorphy2's HyphenAdverbAnalyzer): по-западному.</summary>
internal sealed class HyphenAdverbUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private static readonly Tag Adverb = new(Grammeme.Advb);
    private static readonly GrammemeSet AdjectiveDative = GrammemeSet.Of(Grammeme.Adjf, Grammeme.Sing, Grammeme.Datv);
    private static readonly FixedOrigin Fixed = new();

    public void Parse(AnalysisContext context)
    {
        var lower = context.Lower;
        if (lower.Length < 5 || !lower.StartsWith("по-", StringComparison.Ordinal)
            || !analyzer.Analyze(lower[3..]).Any(p => p.Tag.HasAll(AdjectiveDative)))
        {
            return;
        }

        var parse = new WordParse(analyzer, lower, Adverb, 0.7, ParseMethod.HyphenAdverb, Fixed);
        context.MarkSeen(parse);
        context.Results.Add(parse);
    }
}

/// <summary>
/// Words of two parts joined by one hyphen (pymorphy2's HyphenatedWordsAnalyzer): both parts inflected alike
/// (человек-гора, команд-участниц), or an unchanging first part before an inflected second (интернет-магазина,
/// аммиачно-селитрового). Words starting with a known prefix are left to <see cref="KnownPrefixUnit"/>.
/// </summary>
internal sealed class HyphenatedWordsUnit(MorphAnalyzer analyzer) : IAnalyzerUnit
{
    private static readonly GrammemeSet Features = GrammemeSet.OfCategory(GrammemeCategory.PartOfSpeech)
        .Union(GrammemeSet.OfCategory(GrammemeCategory.Number)).Union(GrammemeSet.OfCategory(GrammemeCategory.Case))
        .Union(GrammemeSet.OfCategory(GrammemeCategory.Person)).Union(GrammemeSet.OfCategory(GrammemeCategory.Tense));

    public void Parse(AnalysisContext context)
    {
        var lower = context.Lower;
        var hyphen = lower.IndexOf('-');
        if (hyphen <= 0 || hyphen == lower.Length - 1 || lower.IndexOf('-', hyphen + 1) >= 0 || KnownPrefixes.StartsWithAny(lower))
        {
            return;
        }

        var left = lower[..hyphen];
        var right = lower[(hyphen + 1)..];
        var leftParses = analyzer.Analyze(left);
        var rightParses = analyzer.Analyze(right);

        foreach (var leftParse in leftParses)
        {
            if (leftParse.Tag.IsUnknown)
            {
                continue;
            }

            var leftFeatures = Comparable(leftParse.Tag);
            foreach (var rightParse in rightParses)
            {
                if (Comparable(rightParse.Tag) == leftFeatures)
                {
                    context.Results.Add(new WordParse(analyzer, string.Concat(leftParse.Word, "-", rightParse.Word), leftParse.Tag, leftParse.Score * 0.75,
                        ParseMethod.HyphenatedBoth, new PairOrigin(leftParse, rightParse)));
                }
            }
        }

        var prefix = left + "-";
        foreach (var rightParse in rightParses)
        {
            if (!rightParse.Tag.IsUnknown)
            {
                context.Results.Add(new WordParse(analyzer, prefix + rightParse.Word, rightParse.Tag, rightParse.Score * 0.75, ParseMethod.HyphenatedFixedLeft,
                    new AffixOrigin(rightParse, prefix, string.Empty)));
            }
        }
    }

    private static GrammemeSet Comparable(Tag tag)
    {
        var features = tag.Grammemes.Intersect(Features);
        return features.Contains(Grammeme.Gen1) ? features.Without(Grammeme.Gen1).With(Grammeme.Gent)
            : features.Contains(Grammeme.Loc1) ? features.Without(Grammeme.Loc1).With(Grammeme.Loct)
            : features;
    }
}
