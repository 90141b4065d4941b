using System.Text.RegularExpressions;
using Typeset.Edits;
using Typeset.Markdown;
using Typeset.Morphology;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Cleanup.Spelling;

/// <summary>
/// Repairs OCR misreadings against the <see cref="Lexicon"/> (Hunspell and OpenCorpora): words mixing Latin and
/// Cyrillic look-alikes, Russian words read wholly in Latin letters (He, Tak, ero), Roman numerals read as Cyrillic,
/// words glued by a stray dot or quote (как.все), glued abbreviations (ит. д.), and unknown words one OCR misreading
/// away from a single best dictionary word (words broken at a line end are dehyphenation's). A word either dictionary
/// knows is never changed into another; names the book repeats, abbreviations, numbers and Latin words are left alone.
/// Substitutions the book's own unknown words show again and again (a face that makes OCR read л as п) are learned
/// for the book before ranking.
/// </summary>
public sealed partial class SpellingStage : CleanupStage
{
    public const string StageName = "spelling";
    public const string RuleMixedScript = "spelling.mixed-script";
    public const string RuleLatinLookAlike = "spelling.latin-look-alike";
    public const string RuleRomanNumeral = "spelling.roman-numeral";
    public const string RuleOcrConfusion = "spelling.ocr-confusion";
    public const string RuleStrayMark = "spelling.stray-mark";
    public const string RuleGluedAbbreviation = "spelling.glued-abbreviation";
    public const string RuleAgreement = "spelling.agreement";
    public const string RulePunctuation = "spelling.ocr-punctuation";
    public const string RuleLetterCase = "spelling.letter-case";

    /// <summary>The pipeline.json switch of the comma-read-as-period rule (on unless set to false).</summary>
    public const string PunctuationOption = "ocrPunctuation";

    /// <summary>Costlier misreadings than this are not worth proposing: the word is more likely right and unknown.</summary>
    private const double MaximumCost = 1.0;

    /// <summary>Under this mean word confidence a page is too poor a reading to correct it without the editor.</summary>
    private const double LowPageConfidence = 60;

    /// <summary>Under this word confidence the OCR engine hesitated over the word: a costlier misreading becomes believable.</summary>
    private const double HesitantOcr = 70;

    /// <summary>A misreading at least this costly (after the book's evidence) is never applied without the editor.</summary>
    private const double CostlyMisreading = 0.6;

    /// <summary>In a word of three letters or fewer, a misreading at least this costly is no look-alike (е read for а, a letter dropped).</summary>
    private const double ShortWordLookAlike = 0.45;

    /// <summary>A substitution seen this often in the book's unknown words (in different words) is the book's habit.</summary>
    private const int BookConfusionEvidence = 3;

    public override string Name => StageName;

    public override IReadOnlyList<Edit> Propose(Book book, StageContext context)
    {
        var lexicon = new Lexicon(context.Hunspell, context.Morphology);
        var candidates = new CorrectionCandidates(lexicon, OcrErrorModel.ForProject(context));
        var vocabulary = new BookVocabulary(book);
        var ocrConfidence = OcrWordConfidence.Load(context.Config.Paths.OcrWorkFolder);
        var photoEvidence = PhotoEvidence.Measure(BookWalk.TextParts(book).Select(p => (p.Page, MarkdownWriter.SourceText(p))), lexicon.IsWord);
        var agreement = new Agreement(lexicon, candidates.Model);
        var words = new List<(TextPart Part, string Text, Match Match, List<(int Start, int End)> Quoted)>();
        var edits = new List<Edit>();
        var punctuation = context.Stage.GetBoolean(PunctuationOption, true)
            ? new PunctuationMisreadings(lexicon, BookWalk.TextParts(book).Select(p => (p.Page, MarkdownWriter.SourceText(p))))
            : null;

        foreach (var part in BookWalk.TextParts(book))
        {
            var text = MarkdownWriter.SourceText(part);
            var quoted = QuotedSpans(text);
            var untouchable = MarkdownWriter.ProtectedSpans(part);
            bool Touchable(int start, int length) => !untouchable.Any(span => start < span.End && start + length > span.Start);
            foreach (Match match in WordPattern().Matches(text))
            {
                if (Touchable(match.Index, match.Length))
                {
                    words.Add((part, text, match, quoted));
                }
            }

            foreach (var finding in agreement.Find(text))
            {
                if (Touchable(finding.Start, finding.Word.Length))
                {
                    // A real word is changed only on strong evidence: a cheap misreading, the only one that fits, after a preposition.
                    var confidence = finding.ByNumber ? 0.75 : finding.Cost <= 0.3 ? 0.92 : 0.8;
                    edits.Add(new Edit(StageName, RuleAgreement, part.Id, finding.Start, finding.Word, finding.Repair, confidence, finding.Reason));
                }
            }

            foreach (var finding in punctuation?.Find(text, part.Page) ?? [])
            {
                if (Touchable(finding.Start, 1))
                {
                    var (confidence, reason) = ocrConfidence.PageMean(part.Page) is < LowPageConfidence and var mean
                        ? (Math.Min(finding.Confidence, 0.85), $"{finding.Reason}; the page was read with {mean:0} % mean confidence, so only suggested")
                        : (finding.Confidence, finding.Reason);
                    edits.Add(new Edit(StageName, RulePunctuation, part.Id, finding.Start, ".", ",", confidence, reason));
                }
            }

            foreach (var fix in StrayMarks(text, lexicon).Concat(LoneMarks(text)).Concat(GluedAbbreviations(text)))
            {
                if (Touchable(fix.Start, fix.Before.Length))
                {
                    edits.Add(new Edit(StageName, fix.Rule, part.Id, fix.Start, fix.Before, fix.After, fix.Confidence, fix.Reason));
                }
            }
        }

        var bookModel = candidates.Model.WithBookConfusions(BookConfusions(words.Select(w => w.Match.Value), candidates, vocabulary));
        // A word the book repeats is judged once: the judgement depends on the word, its place at a sentence start and the
        // book, not on the occurrence.
        var confusionFixes = new Dictionary<(string Word, bool SentenceStart, bool NameLine), Proposal?>();
        foreach (var (part, text, match, quoted) in words)
        {
            var word = match.Value;
            var sentenceStart = SentenceStart().IsMatch(text.AsSpan(0, match.Index));
            var proposal = ScriptFix(word, text, match.Index + match.Length)
                ?? LetterCaseFix(word, lexicon)
                ?? LatinWordFix(word, text, match.Index, sentenceStart, lexicon)
                ?? (IsStressedWordPart(text, match.Index, match.Length) ? null : ConfusionFixOnce(word, sentenceStart, NameLine().IsMatch(text)));
            if (proposal is { } p)
            {
                var (confidence, reason) = WeighOcrConfidence(p, ocrConfidence.Of(part.Page, word));
                // Quoted words may be quoted as written (a dialect form, a name); Latin look-alikes among Russian words are no one's spelling.
                var lookAlike = p.Rule is RuleLatinLookAlike or RuleMixedScript && p.Confidence >= 0.95;
                if (!lookAlike && quoted.Any(q => match.Index >= q.Start && match.Index < q.End))
                {
                    confidence = Math.Min(confidence, 0.85);
                }

                if (p.Rule == RuleOcrConfusion && IsWordPart(text, match.Index, match.Length))
                {
                    // переформа- ‘тирования, предпо- . ложения, a block opening on щью: a piece of a word broken at a line,
                    // a page or a figure is no word of its own, and its nearest dictionary word is a guess.
                    confidence = Math.Min(confidence, 0.85);
                    reason += "; the word may be part of a word broken at a line or page end";
                }

                if (p.Rule == RuleOcrConfusion && p.Cost >= OcrErrorModel.DroppedLetter)
                {
                    // Archaic and dialect forms (противуположный, восьмнадцать, сманул) sit a costly edit from a modern word:
                    // a misreading no look-alike explains is applied only where the OCR engine itself hesitated over the word.
                    var hesitated = ocrConfidence.Of(part.Page, word) is < HesitantOcr;
                    if (!hesitated || p.Cost >= CostlyMisreading)
                    {
                        confidence = Math.Min(confidence, 0.85);
                        reason += hesitated ? "; a costly misreading, so only suggested" : "; no look-alike letter explains the misreading and OCR did not hesitate over the word, so only suggested";
                    }
                }

                if (ocrConfidence.PageMean(part.Page) is < LowPageConfidence and var mean)
                {
                    confidence = Math.Min(confidence, 0.85);
                    reason += $"; the page was read with {mean:0} % mean confidence, so only suggested";
                }

                if (photoEvidence.Doubt(part.Page, text, match.Index, match.Length, lexicon.IsWord, w => ConfusionFixOnce(w, false, false) is not null, p.Rule == RuleLatinLookAlike) is { } doubt)
                {
                    confidence = Math.Min(confidence, 0.85);
                    reason += doubt;
                }

                edits.Add(new Edit(StageName, p.Rule, part.Id, match.Index, word, p.After, confidence, reason));
            }
        }

        return edits;

        Proposal? ConfusionFixOnce(string word, bool sentenceStart, bool nameLine)
        {
            var key = (word, sentenceStart, nameLine);
            if (!confusionFixes.TryGetValue(key, out var fix))
            {
                confusionFixes[key] = fix = ConfusionFix(word, sentenceStart, nameLine, candidates, vocabulary, bookModel);
            }

            return fix;
        }
    }

    /// <summary>
    /// The substitutions (seen letter → meant letter) that explain, each on its own, several of the book's unknown
    /// lower-case words as common words: a face or a scan that makes OCR read л as п does so throughout the book.
    /// </summary>
    private static IEnumerable<(char Seen, char Meant, double Cost)> BookConfusions(IEnumerable<string> words, CorrectionCandidates candidates, BookVocabulary vocabulary)
    {
        var lexicon = candidates.Lexicon;
        var pairs = new Dictionary<(char, char), HashSet<string>>();
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            if (word.Length < 3 || word.Length > CorrectionCandidates.MaximumWordLength || !char.IsLower(word[0]) || !word.All(ScriptRepair.IsCyrillic) || lexicon.IsWord(word))
            {
                continue;
            }

            var readings = new List<(char Seen, char Meant)>();
            for (var i = 0; i < word.Length && readings.Count < 2; i++)
            {
                foreach (var letter in "абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
                {
                    if (letter != word[i])
                    {
                        var candidate = string.Concat(word.AsSpan(0, i), new string(letter, 1), word.AsSpan(i + 1));
                        // Only a substitution the shape table allows is learned: archaic spellings (жизнию, мати) are no OCR habit.
                        if (candidates.Model.SubstitutionCostOf(word[i], letter) < OcrErrorModel.Substitution &&
                            lexicon.IsCandidate(candidate) && (lexicon.IsCommon(candidate) || vocabulary.WordCount(candidate) > 0))
                        {
                            readings.Add((word[i], letter));
                        }
                    }
                }
            }

            if (readings is [var only])
            {
                // Counted by the candidate's lemma: the forms of one unknown word (решатель, решателя…) are one piece of evidence.
                var candidate = word.Replace(only.Seen, only.Meant);
                var lemma = lexicon.Morphology.Analyze(candidate).FirstOrDefault()?.Lemma ?? candidate;
                (pairs.TryGetValue(only, out var set) ? set : pairs[only] = new HashSet<string>(StringComparer.Ordinal)).Add(lemma);
            }
        }

        return pairs.Where(p => p.Value.Count >= BookConfusionEvidence).Select(p => (p.Key.Item1, p.Key.Item2, 0.05));
    }

    private sealed record Proposal(string Rule, string After, double Confidence, string Reason, double Cost = 0);

    /// <summary>
    /// Where the OCR engine hesitated over the word, a misreading is likelier; where it was sure, a costly correction
    /// is less likely right. Unknown (a book that started from Markdown): no change.
    /// </summary>
    private static (double Confidence, string Reason) WeighOcrConfidence(Proposal proposal, double? ocr) => ocr switch
    {
        < 70 => (Math.Min(0.99, proposal.Confidence + 0.03), $"{proposal.Reason}; OCR read it with {ocr:0} % confidence"),
        >= 95 when proposal.Cost >= OcrErrorModel.DroppedLetter => (proposal.Confidence - 0.05, $"{proposal.Reason}; OCR was {ocr:0} % sure of it"),
        _ => (proposal.Confidence, proposal.Reason),
    };

    private static Proposal? ScriptFix(string word, string text, int end)
    {
        var roman = ScriptRepair.RomanNumeral(word);
        if (roman is not null && roman != word && word.All(char.IsUpper))
        {
            var following = text[end..Math.Min(text.Length, end + 30)];
            var preceding = text[Math.Max(0, end - word.Length - 30)..(end - word.Length)];
            // Evidence: a century ("XIX – начале XX в."), a regnal number after a name ("Николай II"), or the
            // Ukrainian І, which Russian text never uses, so it can only be a misread Latin I.
            var (evident, why) =
                CenturyContext().IsMatch(following) ? (true, "before a century or a year count") :
                word.Length >= 2 && !following.StartsWith('.') && RegnalContext().IsMatch(preceding) ? (true, "after a name, as a regnal number") :
                word.Contains('І') ? (true, "with the letter І, which Russian does not use") :
                (false, string.Empty);
            var tesseractReading = word.Contains('У') || word.Contains('П');
            if (evident || (tesseractReading && word.Length >= 3))
            {
                return new Proposal(RuleRomanNumeral, roman, evident ? 0.96 : 0.8,
                    evident ? $"a Roman numeral read as Cyrillic letters ({why})" : "looks like a Roman numeral read as Cyrillic letters");
            }
        }

        if (!ScriptRepair.IsMixed(word))
        {
            return null;
        }

        var cyrillicLetters = word.Count(ScriptRepair.IsCyrillic);
        var latinLetters = word.Count(ScriptRepair.IsLatin);
        var target = cyrillicLetters >= latinLetters ? ScriptRepair.ToCyrillic(word) : ScriptRepair.ToLatin(word);
        return target is null ? null : new Proposal(RuleMixedScript, target, 0.97,
            cyrillicLetters >= latinLetters ? "Latin look-alike letters inside a Russian word" : "Cyrillic look-alike letters inside a Latin word");
    }

    /// <summary>
    /// Capitals OCR read inside a lower-case Russian word (лиМОНОМ, исключеНО, науКу): Russian writes no capital after
    /// a lower-case letter, so a word that starts lower-case and is a dictionary word in lower case is that word.
    /// Abbreviations start with their capitals (ГОСТа), a word Hunspell knows as written (кВт) stays, and so does one
    /// capital vowel, a writer's stress mark (чтО).
    /// </summary>
    private static Proposal? LetterCaseFix(string word, Lexicon lexicon)
    {
        if (word.Length < 3 || !char.IsLower(word[0]) || !word.Skip(1).Any(char.IsUpper) || !word.All(ScriptRepair.IsCyrillic) || lexicon.Hunspell.Spell(word))
        {
            // (OpenCorpora's look-up ignores case, so only Hunspell tells a mixed-case word it knows as written.)
            return null;
        }

        // One capital vowel is how a writer marks stress (чтО, честнОй): the author's, not OCR's.
        var capitals = word.Where(char.IsUpper).ToList();
        if (capitals is [var only] && "АЕЁИОУЫЭЮЯ".Contains(only))
        {
            return null;
        }

        var lower = word.ToLowerInvariant();
        return lexicon.IsWord(lower)
            ? new Proposal(RuleLetterCase, lower, 0.95, $"capital letters read inside a lower-case word (\"{lower}\" is in the dictionary)")
            : null;
    }

    /// <summary>
    /// A Russian word Tesseract read wholly in Latin look-alikes (He, Tak, ero, TBOH, 3TOM) among Russian words: its
    /// Cyrillic reading must be a dictionary word, and no Latin word may stand beside it (an English phrase stays).
    /// </summary>
    private static Proposal? LatinWordFix(string word, string text, int start, bool sentenceStart, Lexicon lexicon)
    {
        if (word.Any(ScriptRepair.IsCyrillic) && word.Any(char.IsAsciiDigit) && !word.Any(char.IsAsciiLetter))
        {
            return DigitInWordFix(word, lexicon);
        }

        if (!word.Any(char.IsAsciiLetter) || word.Any(ScriptRepair.IsCyrillic))
        {
            return null;
        }

        var before = NeighbourWord(text, start, -1);
        var after = NeighbourWord(text, start + word.Length, +1);
        // A neighbour read in Latin look-alikes too (B TBOH, CA EMY) counts as Russian when it has a Russian reading.
        bool Russian(string? neighbour) => neighbour is not null && (neighbour.Any(ScriptRepair.IsCyrillic) && !neighbour.Any(char.IsAsciiLetter) ||
            neighbour.Length > 1 && ScriptRepair.CyrillicReadings(neighbour).Any(r => r.Cost <= 0.6 && lexicon.IsWord(r.Word)) ||
            neighbour is "B" or "c" or "y" or "k" or "o" or "a");
        bool Latin(string? neighbour) => neighbour is not null && neighbour.Any(char.IsAsciiLetter) && !Russian(neighbour);
        if (!(Russian(before) || Russian(after)) || (Latin(before) && Latin(after)))
        {
            return null;
        }

        // A lone letter is a Russian preposition or conjunction only between two Russian words, in a paragraph with no
        // other Latin (the C of "язык C", the key x of a manual stay).
        if (word.Length == 1 && (!(char.IsLower(word[0]) || word[0] == 'B') || !(Russian(before) && Russian(after)) ||
            ForeignLatinLetters(text, lexicon) > 0))
        {
            return null;
        }

        foreach (var (reading, cost) in ScriptRepair.CyrillicReadings(word))
        {
            if (cost > 0.6 || !lexicon.IsWord(reading))
            {
                continue;
            }

            // A Latin neighbour is an English phrase, or a name or term: only a preposition or conjunction before a capitalised
            // one is Russian (no Debian → по Debian; "no way" stays).
            var function = lexicon.IsFunctionWord(reading);
            if (Latin(before) || (Latin(after) && !(function && Russian(before) && char.IsUpper(after![0]))))
            {
                continue;
            }

            // Latin words in Russian text are commands, terms and names (apt, Page, APT): a token is read as Russian only when
            // it reads as a function word (He, Tak, ero, TOT, EMY, 3TOM — the words Tesseract most often takes for Latin)
            // or, in capitals, as an abbreviation the dictionary knows (CCCP); a lone letter only as а, в, и, к, о, с, у, я.
            var parses = lexicon.Morphology.Analyze(reading);
            var allCaps = word.All(c => !char.IsLetter(c) || char.IsUpper(c));
            var abbreviation = word.Length >= 3 && allCaps && parses.Any(p => p.IsKnown && p.Tag.Has(Grammeme.Abbr));
            if (!(function || abbreviation) || (word.Length == 1 && !"авикосуя".Contains(reading[0])))
            {
                continue;
            }

            var after_ = abbreviation ? reading.ToUpperInvariant()
                : sentenceStart || (char.IsUpper(word[0]) && before is null) ? char.ToUpperInvariant(reading[0]) + reading[1..]
                : reading;
            var common = lexicon.IsCommon(reading) || function;
            var bothSides = Russian(before) && Russian(after);
            var confidence = common && (bothSides || function) ? 0.97 - (cost * 0.1) : common ? 0.93 - (cost * 0.1) : 0.8;
            return new Proposal(RuleLatinLookAlike, after_, confidence,
                $"a Russian word read in Latin look-alike letters among Russian words (\"{reading}\" is in the dictionary{(common ? " and common" : string.Empty)})", cost);
        }

        return null;
    }

    /// <summary>
    /// The Latin letters of a paragraph outside the tokens that read as Russian function words (B TBOH, He): a paragraph
    /// with other Latin is about commands, keys or a language (язык C, клавиша x, a.out), where a lone letter stays.
    /// </summary>
    private static int ForeignLatinLetters(string text, Lexicon lexicon) =>
        LatinToken().Matches(text).Where(m => m.Length == 1 ? !"BacokyACOKY".Contains(m.Value[0]) : !ScriptRepair.CyrillicReadings(m.Value).Any(r => r.Cost <= 0.6 && lexicon.IsFunctionWord(r.Word)))
            .Sum(m => m.Length);

    /// <summary>A digit inside a Russian word where a look-alike letter belongs (3а for за, o6ъём): the reading must be a word.</summary>
    private static Proposal? DigitInWordFix(string word, Lexicon lexicon)
    {
        var digits = new string(word.Where(char.IsAsciiDigit).ToArray());
        foreach (var (reading, cost) in ScriptRepair.CyrillicReadings(digits, digitsAlone: true))
        {
            var chars = word.ToCharArray();
            var next = 0;
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsAsciiDigit(chars[i]))
                {
                    chars[i] = i > 0 && char.IsUpper(chars[i - 1]) && (i + 1 >= chars.Length || char.IsUpper(chars[i + 1])) ? char.ToUpperInvariant(reading[next]) : reading[next];
                    next++;
                }
            }

            var candidate = new string(chars);
            if (lexicon.IsWord(candidate))
            {
                return new Proposal(RuleMixedScript, candidate, 0.96 - cost * 0.1, $"a digit read for its look-alike letter (\"{candidate}\" is in the dictionary)", cost);
            }
        }

        return null;
    }

    /// <summary>The word before (-1) or after (+1) a position in the same sentence part, or null at a line or sentence boundary.</summary>
    private static string? NeighbourWord(string text, int position, int direction)
    {
        var i = position + (direction < 0 ? -1 : 0);
        var gap = 0;
        while (i >= 0 && i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            if (text[i] is '.' or '!' or '?' or '\n' || ++gap > 3)
            {
                return null;
            }

            i += direction;
        }

        if (i < 0 || i >= text.Length)
        {
            return null;
        }

        var end = i;
        while (i >= 0 && i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i += direction;
        }

        return direction < 0 ? text[(i + 1)..(end + 1)] : text[end..i];
    }

    private sealed record TextFix(string Rule, int Start, string Before, string After, double Confidence, string Reason);

    /// <summary>
    /// A dot, apostrophe or backtick OCR put between or inside Russian words: between two words (как.все, то’неясных) it
    /// is a lost space; inside one (пак`ета) a speck. Abbreviations (т.е., и.о.) and Latin (a.out) are not touched.
    /// </summary>
    private static IEnumerable<TextFix> StrayMarks(string text, Lexicon lexicon)
    {
        foreach (Match match in StrayMarkPattern().Matches(text))
        {
            var left = match.Groups["left"].Value;
            var right = match.Groups["right"].Value;
            var mark = match.Groups["mark"].Value;
            var joined = left + right;
            // An apostrophe after a vowel is how plain text marks stress (те'рпите): the author's, not a speck.
            var stress = mark is "'" or "’" && "аеёиоуыэюя".Contains(left[^1]);
            if (!stress && lexicon.IsWord(joined) && !(lexicon.IsWord(left) && lexicon.IsWord(right)))
            {
                yield return new TextFix(RuleStrayMark, match.Index, match.Value, joined, 0.93, $"a stray '{mark}' inside \"{joined}\"");
            }
            else if (left.Length >= 2 && right.Length >= 2 && lexicon.IsWord(left) && lexicon.IsWord(right) && !lexicon.IsWord(joined))
            {
                yield return new TextFix(RuleStrayMark, match.Index, match.Value, left + " " + right, mark == "." ? 0.92 : 0.93,
                    $"'{mark}' between two words where OCR lost the space");
            }
        }
    }

    /// <summary>
    /// The word is a piece of a longer one: a hyphen hangs after it (предпо- .), the line before it ends in a hyphen
    /// (переформа-⏎‘тирования, marks between), or it opens the block in lower case (the tail of a word from the page or
    /// figure before).
    /// </summary>
    /// <summary>
    /// A piece of a word plain text marks with a stress apostrophe after a vowel (те'рпите, заме'тил): the word is the
    /// two pieces together, and the piece alone is no misreading.
    /// </summary>
    private static bool IsStressedWordPart(string text, int start, int length)
    {
        static bool IsStressMark(char c) => c is '\'' or '’' or '\u0301';
        static bool IsVowel(char c) => "аеёиоуыэюяАЕЁИОУЫЭЮЯ".Contains(c);
        var end = start + length;
        var afterStress = start >= 2 && IsStressMark(text[start - 1]) && IsVowel(text[start - 2]);
        var beforeStress = end + 1 < text.Length && IsStressMark(text[end]) && IsVowel(text[end - 1]) && char.IsLetter(text[end + 1]);
        return afterStress || beforeStress;
    }

    private static bool IsWordPart(string text, int start, int length)
    {
        var end = start + length;
        if (end < text.Length && text[end] is '-' or '\u00AD' && (end + 1 == text.Length || !char.IsLetter(text[end + 1])))
        {
            return true;
        }

        var before = start;
        while (before > 0 && !char.IsLetterOrDigit(text[before - 1]) && text[before - 1] != '\n')
        {
            before--;
        }

        if (before == 0)
        {
            return char.IsLower(text[start]) && text.AsSpan(0, start).Trim().Length <= 1;
        }

        if (text[before - 1] != '\n')
        {
            return false;
        }

        var lineEnd = text.AsSpan(0, before - 1).TrimEnd();
        return lineEnd.Length > 0 && lineEnd[^1] is '-' or '\u00AD';
    }

    /// <summary>
    /// Specks OCR read as marks standing alone: a second full stop after a sentence's own (системы. .; a spaced
    /// ellipsis ". . ." stays), and a single quote or backtick opening a lower-case word that no quote closes (между
    /// ‘ними, этот `механизм) — Russian print opens no quotation with ‘, ‚ or `, and an apostrophe quotation closes —,
    /// and such a mark alone between two words (оказал ‚ огромное).
    /// </summary>
    private static IEnumerable<TextFix> LoneMarks(string text)
    {
        foreach (Match match in DoubledFullStop().Matches(text))
        {
            yield return new TextFix(RuleStrayMark, match.Index, match.Value, string.Empty, 0.93, "a stray full stop after the sentence's own");
        }

        foreach (Match match in LoneOpeningMark().Matches(text))
        {
            var mark = match.Groups["mark"].Value;
            var closing = mark == "'" ? "'" : mark.EndsWith('`') ? "`" : "’";
            var after = match.Index + match.Length;
            var sentenceEnd = text.IndexOfAny(['.', '!', '?'], after);
            var rest = text[after..(sentenceEnd < 0 ? text.Length : sentenceEnd)];
            if (!rest.Contains(closing, StringComparison.Ordinal) && !(mark == "‘" && rest.Contains('\'')))
            {
                yield return new TextFix(RuleStrayMark, match.Groups["mark"].Index, mark, string.Empty, 0.93, $"a stray '{mark.TrimStart('\\')}' before a word, no quotation it opens");
            }
        }

        foreach (Match match in SpacedLoneMark().Matches(text))
        {
            yield return new TextFix(RuleStrayMark, match.Index, match.Value, string.Empty, 0.93, $"a stray '{match.Value.Trim()}' standing alone between two words");
        }
    }

    /// <summary>Short words glued to an abbreviation (ит. д., ит.п., вт. ч., вг. Москве): the space OCR lost is put back.</summary>
    private static IEnumerable<TextFix> GluedAbbreviations(string text)
    {
        foreach (Match match in GluedAbbreviationPattern().Matches(text))
        {
            var word = match.Groups["word"].Value;
            yield return new TextFix(RuleGluedAbbreviation, match.Index, word, word[..1] + " " + word[1..], 0.95,
                $"\"{word[..1]}\" glued to the abbreviation \"{word[1..]}.\"");
        }
    }

    private static Proposal? ConfusionFix(string word, bool sentenceStart, bool nameLine, CorrectionCandidates candidates, BookVocabulary vocabulary, OcrErrorModel bookModel)
    {
        // Capitalised words are names, except at a sentence start where only a cheap misreading is believed;
        // short words and the book's recurring forms are trusted.
        var lexicon = candidates.Lexicon;
        var capitalised = char.IsUpper(word[0]);
        if (word.Length < 2 || word.Length > CorrectionCandidates.MaximumWordLength || (capitalised && word.Skip(1).Any(char.IsUpper)) ||
            !word.All(ScriptRepair.IsCyrillic) || lexicon.IsWord(word))
        {
            return null;
        }

        if (capitalised && !sentenceStart && !nameLine && LowerCaseVerbReading(word, candidates, vocabulary, bookModel) is { } verb)
        {
            return verb;
        }

        if (capitalised && (!sentenceStart || nameLine))
        {
            // A capitalised word mid-sentence is a name: corrected only into a name the book itself writes far more often (Пазел → Павел).
            // Only a misread letter, never one dropped or added: Муира and Мира are two names.
            var ranked = candidates.Ranked(word, vocabulary, bookModel);
            var named = ranked.FirstOrDefault();
            if (named is null || named.Word.Length != word.Length || named.Word.Contains(' ', StringComparison.Ordinal) || named.Word.Contains('-', StringComparison.Ordinal))
            {
                return null;
            }

            var uses = vocabulary.WordCount(named.Word);
            // A look-alike letter the error model knows (Пазел → Павел), not any letter: Дмитрич is no misreading of Дмитрий.
            var lookAlike = bookModel.Distance(word.ToLowerInvariant(), named.Word.ToLowerInvariant()) < OcrErrorModel.DroppedLetter;
            if (!nameLine && lookAlike && named.Cost <= OcrErrorModel.DroppedLetter && uses >= 3 && uses >= 3 * vocabulary.WordCount(word))
            {
                return new Proposal(RuleOcrConfusion, named.Word, 0.92, $"\"{word}\" is not in the dictionary; the book writes \"{named.Word}\", an OCR misreading away, {uses} times", named.Cost);
            }

            // Гапилей, Милпер: once in the book, one look-alike letter from a name the dictionary knows, and nothing else
            // near — the reading the face's confusions explain. A name the book repeats is its own spelling.
            var rival = ranked.Count > 1 && ranked[1].Cost - named.Cost < 0.25;
            var knownName = lexicon.Morphology.Analyze(named.Word).Any(p => p.IsKnown && p.Tag.IsProper);
            // A rare name (Аррами) is no likelier than the foreign name the book spells (Аррани).
            var familiar = lexicon.IsCommon(named.Word) || uses > 0;
            return knownName && familiar && !rival && vocabulary.WordCount(word) <= 1 && bookModel.Distance(word.ToLowerInvariant(), named.Word.ToLowerInvariant()) < 0.35
                ? new Proposal(RuleOcrConfusion, named.Word, 0.9, $"\"{word}\" is not in the dictionary; the name \"{named.Word}\" is one look-alike letter away", named.Cost)
                : null;
        }

        var best = candidates.Best(word, vocabulary, MaximumCost, bookModel);
        if (best is null || (capitalised && best.Cost > OcrErrorModel.DroppedLetter))
        {
            return null;
        }

        // A form the book repeats is its own usage (a term, a dialect word) — unless the book writes the candidate far
        // more often, or the misreading is one the book's unknown words show again and again (ках for как in a face that
        // reads к as х), or it is a preposition glued to a word, an OCR habit that repeats.
        var count = vocabulary.WordCount(word);
        var split = best.Word.Contains(' ', StringComparison.Ordinal);
        var habit = bookModel.Distance(word, best.Word) < candidates.Model.Distance(word, best.Word);
        if (count >= 2 && !split && !habit && vocabulary.WordCount(best.Word) < 3 * count)
        {
            return null;
        }

        var confidence = best.Confidence;
        var reason = best.Reason;
        if (word.Length == 2 && !lexicon.IsFunctionWord(best.Word))
        {
            // A two-letter non-word ("ма") is a misread function word or an abbreviation: nothing else is believed.
            return null;
        }

        if (word.Length <= 3 && bookModel.Distance(word.ToLowerInvariant(), best.Word.ToLowerInvariant()) >= ShortWordLookAlike)
        {
            // Оне, всь, ино: a short word a letter from a function word is as often an archaic or dialect form of it;
            // only a look-alike misreading (ках, ме, ие) is believed without the editor.
            confidence = Math.Min(confidence, 0.85);
            reason += "; a short word one letter from another may be an archaic or dialect form";
        }

        if (best.Word.StartsWith(word.ToLowerInvariant(), StringComparison.OrdinalIgnoreCase) && !best.Word.Contains(' ', StringComparison.Ordinal))
        {
            confidence = Math.Min(confidence, 0.85);
            reason += "; the word may be cut short or an abbreviation";
        }

        if (capitalised && split)
        {
            confidence = Math.Min(confidence, 0.85);
            reason += "; a capitalised word may be a name";
        }

        if (word.Length >= 3 && best.Word.Length <= 2)
        {
            confidence = Math.Min(confidence, 0.85);
            reason += "; a short word from a longer one may be a word cut short";
        }

        if (split && best.Word.Split(' ') is [_, var second] && lexicon.IsFunctionWord(second) && !lexicon.IsFunctionWord(best.Word.Split(' ')[0]))
        {
            // A short word lost after a longer one (вот и, день у) is rarer than a word ending in those letters (богова, мадама).
            confidence = Math.Min(confidence, 0.85);
            reason += "; a short word split off the end may be the word's own ending";
        }

        if (split && MayBeWordFormation(best.Word.Split(' '), lexicon))
        {
            // наскучающий, привиденье, однострочную: a prefix or a combining form before a word is how Russian makes
            // words the dictionary lacks, at least as often as OCR loses a space there.
            confidence = Math.Min(confidence, 0.85);
            reason += "; the word may be a prefixed or compound word the dictionary lacks";
        }

        if (split && best.Word.Split(' ') is [var pronoun, var next] && IsPersonalPronoun(pronoun, lexicon) && !CanFollowPronoun(next, lexicon))
        {
            // вывесть → "вы весть": a personal pronoun is followed by its verb (ты гляди, он упирается), not by a noun.
            confidence = Math.Min(confidence, 0.85);
            reason += "; a pronoun split off before a word that is no verb";
        }

        if (!split && word.Length > best.Word.Length && (word.StartsWith(best.Word, StringComparison.OrdinalIgnoreCase) || word.EndsWith(best.Word, StringComparison.OrdinalIgnoreCase)))
        {
            // уверенностию → уверенности, Отх → От: a letter more at a word's end is an ending the dictionary lacks
            // (an archaic or colloquial form) more often than a speck OCR read as a letter.
            confidence = Math.Min(confidence, 0.85);
            reason += "; the letter at the word's edge may be the author's ending";
        }

        if (!split && best.Word.Length > word.Length && best.Word.EndsWith(word.ToLowerInvariant(), StringComparison.OrdinalIgnoreCase))
        {
            // мерял → умерял, попыхах → впопыхах: a word missing its first letter is also a word in its own right.
            confidence = Math.Min(confidence, 0.85);
            reason += "; a letter added at the word's start may make another word";
        }

        if (!split && !habit && vocabulary.UnknownFamily(word, best.Word, lexicon.IsWord) is > 0 and var family)
        {
            // принсип, принсипы, принсипов: the book writes the same unusual stem in other forms too — the author's spelling.
            confidence = Math.Min(confidence, 0.85);
            reason += $"; the book writes this stem in {family} other form{(family > 1 ? "s" : string.Empty)}";
        }

        if (split && best.Word.Split(' ') is [var preposition, var noun] && Agreement.Governs(preposition) is not null && vocabulary.WordCount(noun) == 0)
        {
            // вдобавку, поскорости, взачет: Russian writes many adverbs as a preposition fused with a noun; a glued
            // preposition is believed when the book writes the word on its own elsewhere.
            confidence = Math.Min(confidence, 0.85);
            reason += $"; a preposition fused with a word the book never writes alone may be an adverb written as one word";
        }

        if (split && best.Word.Split(' ').All(lexicon.IsFunctionWord))
        {
            confidence = Math.Min(confidence, 0.85);
            reason += "; two short words from one may be a word cut short";
        }

        return new Proposal(RuleOcrConfusion, best.Word, confidence, reason, best.Cost);
    }

    /// <summary>
    /// A capital mid-sentence that is a lower-case letter's look-alike (Х for к, К for к: most Cyrillic small letters are
    /// small capitals) on a word that is no word, whose lower-case reading is a cheap misreading of a verb, infinitive,
    /// gerund or adverb (Хоординировать → координировать): names are nouns, so no name is read as such a word.
    /// </summary>
    private static Proposal? LowerCaseVerbReading(string word, CorrectionCandidates candidates, BookVocabulary vocabulary, OcrErrorModel bookModel)
    {
        if (word.Length < 4 || "АБЕРУФ".Contains(word[0]))
        {
            return null;
        }

        // A lower-case reading that is a word already (Сечью: a name made from сечь) is the author's capital.
        var lower = word.ToLowerInvariant();
        if (candidates.Lexicon.IsWord(lower))
        {
            return null;
        }

        var best = candidates.Best(lower, vocabulary, OcrErrorModel.DroppedLetter - 0.01, bookModel);
        // Look-alike letters only, before the book's evidence: a letter dropped or added (Сечью → сечь) is no misreading of case.
        if (best is null || best.Word.Length != word.Length || bookModel.Distance(lower, best.Word) >= OcrErrorModel.DroppedLetter)
        {
            return null;
        }

        var parses = candidates.Lexicon.Morphology.Analyze(best.Word).Where(p => p.IsKnown).ToList();
        return parses.Count > 0 && parses.All(p => p.Tag.PartOfSpeech is Grammeme.Verb or Grammeme.Infn or Grammeme.Grnd or Grammeme.Advb)
            ? new Proposal(RuleOcrConfusion, best.Word, Math.Min(best.Confidence, 0.93),
                $"\"{word}\" is not in the dictionary; read in lower case it is \"{best.Word}\", a {(parses[0].Tag.PartOfSpeech is Grammeme.Advb ? "adverb" : "verb form")} (no name), an OCR misreading away", best.Cost)
            : null;
    }

    /// <summary>Russian prepositions that are also prefixes of verbs, participles and the words made from them.</summary>
    private static readonly HashSet<string> PrefixPrepositions = new(StringComparer.Ordinal)
    {
        "в", "во", "до", "за", "из", "на", "над", "о", "об", "от", "по", "под", "пред", "при", "про", "с", "со", "у", "без", "не", "ни",
    };

    /// <summary>
    /// The parts of a split could be one word Russian made: a prefix that is also a preposition before a verb, participle,
    /// gerund, adjective or adverb (на скучающий), or a first part that is no preposition or conjunction (одно, само)
    /// before an adjective or participle (одно строчную).
    /// </summary>
    private static bool MayBeWordFormation(string[] parts, Lexicon lexicon)
    {
        if (parts is not [var first, var second])
        {
            return false;
        }

        var firstLower = first.ToLowerInvariant();
        var secondParses = lexicon.Morphology.Analyze(second).Where(p => p.IsKnown).ToList();
        bool SecondIs(params Grammeme[] classes) => secondParses.Any(p => p.Tag.PartOfSpeech is { } pos && classes.Contains(pos));
        if (PrefixPrepositions.Contains(firstLower))
        {
            return SecondIs(Grammeme.Verb, Grammeme.Infn, Grammeme.Prtf, Grammeme.Prts, Grammeme.Grnd, Grammeme.Adjf, Grammeme.Adjs, Grammeme.Advb, Grammeme.Comp) ||
                   (firstLower.Length >= 3 && secondParses.Count > 0 && secondParses.All(p => p.Tag.PartOfSpeech == Grammeme.Noun) && !SecondIs(Grammeme.Npro));
        }

        var firstIsLink = lexicon.Morphology.Analyze(first).Any(p => p.IsKnown && p.Tag.PartOfSpeech is Grammeme.Prep or Grammeme.Conj or Grammeme.Prcl);
        return !firstIsLink && first.Length >= 3 && "оеи".Contains(firstLower[^1]) && SecondIs(Grammeme.Adjf, Grammeme.Adjs, Grammeme.Prtf, Grammeme.Prts);
    }

    private static bool IsPersonalPronoun(string word, Lexicon lexicon) =>
        lexicon.Morphology.Analyze(word.ToLowerInvariant()).Any(p => p.IsKnown && p.Tag.PartOfSpeech == Grammeme.Npro && p.Tag.Has(Grammeme.Nomn)) &&
        word.ToLowerInvariant() is "я" or "ты" or "он" or "она" or "оно" or "мы" or "вы" or "они";

    /// <summary>The word's likeliest present-day reading is one a pronoun's sentence goes on with (весть: the noun, not archaic ведать).</summary>
    private static bool CanFollowPronoun(string word, Lexicon lexicon) =>
        lexicon.Morphology.Analyze(word).Where(p => p.IsKnown && !p.Tag.Has(Grammeme.Arch)).Take(1).Any(p => p.Tag.PartOfSpeech is Grammeme.Verb or Grammeme.Infn or Grammeme.Prts or Grammeme.Adjs or
            Grammeme.Advb or Grammeme.Prcl or Grammeme.Conj or Grammeme.Pred or Grammeme.Prep or Grammeme.Comp or Grammeme.Npro);

    private static List<(int Start, int End)> QuotedSpans(string text) =>
        QuotePattern().Matches(text).Select(m => (m.Index, m.Index + m.Length)).ToList();

    /// <summary>
    /// A word on its own: not part of a hyphenated compound, a number, an address or a line-end break; digits count as
    /// letters inside it (3TOM), as long as it has a letter.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}\\/.@-])(?>[\p{L}\d]*\p{L}[\p{L}\d]*)(?![@/]|\.\p{L}|-\p{L})")]
    private static partial Regex WordPattern();

    /// <summary>A short paragraph of capitalised words only (an attribution, a signature): names, not sentences.</summary>
    [GeneratedRegex(@"^[\s—–-]*\p{Lu}[\p{L}.-]*(?:[ \u00A0]+\p{Lu}[\p{L}.-]*){0,3}[\s.]*$")]
    private static partial Regex NameLine();

    /// <summary>Two lower-case Cyrillic runs with a dot, apostrophe or backtick between them and nothing else around.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}.'’‘‚`])(?<left>(?>[а-яё]+))(?<mark>[.'’‘‚`])(?<right>[а-яё]+)(?![\p{L}\p{N}]|\.[\p{L}\p{N}])")]
    private static partial Regex StrayMarkPattern();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}][.!?])[ \u00A0]+\.(?![ \u00A0]*\.|[\p{L}\p{N}])")]
    private static partial Regex DoubledFullStop();

    [GeneratedRegex(@"(?<=(?:^|[ \u00A0\n(—–-]))(?<mark>\\?`|[‘‚'])(?=[а-яё])")]
    private static partial Regex LoneOpeningMark();

    /// <summary>A single low or high quote or a backtick alone between spaces, after a word and before a lower-case one (or another such speck opening it): Russian print sets none so.</summary>
    [GeneratedRegex(@"(?<=[\p{L}\p{N},])[ \u00A0\n]+[‚‘`](?=[ \u00A0]+(?:[‘`][ \u00A0]*)?[а-яё])")]
    private static partial Regex SpacedLoneMark();

    /// <summary>и, в glued to т. д., т. п., т. ч., г., гг., др., пр.: "ит. д.", "вг. Москве".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<word>[ив](?:т(?=\.[ \u00A0]?[дпч]\.)|гг?(?=\.[ \u00A0]*[\p{Lu}\d])|др(?=\.)|пр(?=\.)))")]
    private static partial Regex GluedAbbreviationPattern();

    /// <summary>The text before a word ends a sentence (or is empty, or is a line of dialogue's dash).</summary>
    [GeneratedRegex(@"(?:^|[.!?…]\)?[ \u00A0]+|^[—–-][ \u00A0]+)[«„""(*]*$", RegexOptions.RightToLeft)]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"^[ \u00A0]*(?:[–—-][ \u00A0]*(?:\p{Ll}+[ \u00A0]+)?[IVXLCХІУПМ]+[ \u00A0]*)?(?:вв?\.|век|столет|тыс|съезд)", RegexOptions.IgnoreCase)]
    private static partial Regex CenturyContext();

    [GeneratedRegex(@"(?<![\p{L}])\p{Lu}\p{Ll}{2,}[ \u00A0]$")]
    private static partial Regex RegnalContext();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Za-z]+(?![\p{L}\p{N}])")]
    private static partial Regex LatinToken();

    [GeneratedRegex(@"«[^»]*»|„[^“]*“")]
    private static partial Regex QuotePattern();
}
