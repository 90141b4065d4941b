namespace Typeset.Morphology;

/// <summary>
/// One grammeme of the OpenCorpora tagset (the names pymorphy2 and az use), plus the shape grammemes pymorphy2 adds for
/// tokens that are not words. The tagset is a published standard, so it is fixed here; loading a dictionary checks that
/// its grammemes.json names only these.
/// </summary>
public enum Grammeme : byte
{
    // Parts of speech
    Noun, Adjf, Adjs, Comp, Verb, Infn, Prtf, Prts, Grnd, Numr, Advb, Npro, Pred, Prep, Conj, Prcl, Intj,

    // Animacy, gender, number. ANim and GNdr (OpenCorpora's category names) mark a form whose animacy or gender is not
    // expressed, as in plural-only nouns.
    Anim, Inan, ANim, Masc, Femn, Neut, GNdr, MsF, Sing, Plur, Sgtm, Pltm, Fixd,

    // Cases (the second genitive, accusative and locative, the vocative)
    Nomn, Gent, Datv, Accs, Ablt, Loct, Voct, Gen1, Gen2, Acc2, Loc1, Loc2,

    // Lexical marks
    Abbr, Name, Surn, Patr, Geox, Orgn, Trad, Subx, Supr, Qual, Apro, Anum, Poss, VEy, VOy, Cmp2, VEj,

    // Verbs
    Perf, Impf, Tran, Intr, Impe, Impx, Mult, Refl, Per1, Per2, Per3, Pres, Past, Futr, Indc, Impr, Incl, Excl, Actv, Pssv,

    // Style and variants
    Infr, Slng, Arch, Litr, Erro, Dist, Ques, Dmns, Prnt, VBe, VEn, VIe, VBi, Fimp, Prdx, Coun, Coll, VSh, AfP, Inmx, Vpre,
    Anph, Init, Adjx,

    // Shapes of tokens that are not dictionary words: numbers (integer, real), Roman numbers, Latin, punctuation, unknown
    Numb, Intg, Real, Romn, Latn, Pnct, Unkn,
}

/// <summary>The grammatical category a grammeme belongs to (pymorphy2's tag attributes).</summary>
public enum GrammemeCategory : byte
{
    None, PartOfSpeech, Animacy, Gender, Number, Case, Aspect, Transitivity, Person, Tense, Mood, Involvement, Voice,
}

/// <summary>Names (OpenCorpora's Latin ones and Russian abbreviations) and categories of the grammemes.</summary>
public static class Grammemes
{
    public const int Count = (int)Grammeme.Unkn + 1;

    private static readonly (string Name, string Russian, GrammemeCategory Category)[] Table = BuildTable();

    // A plain Dictionary<string, int>: the runtime ships its code compiled, so the first lookup costs no JIT time.
    private static readonly Dictionary<string, int> ByName = BuildIndex();

    /// <summary>OpenCorpora's name: <c>NOUN</c>, <c>gent</c>, <c>1per</c>, <c>Ms-f</c>.</summary>
    public static string Name(this Grammeme grammeme) => Table[(int)grammeme].Name;

    /// <summary>OpenCorpora's Russian abbreviation: <c>СУЩ</c>, <c>рд</c>, <c>1л</c>.</summary>
    public static string RussianName(this Grammeme grammeme) => Table[(int)grammeme].Russian;

    public static GrammemeCategory Category(this Grammeme grammeme) => Table[(int)grammeme].Category;

    public static bool TryParse(ReadOnlySpan<char> name, out Grammeme grammeme)
    {
        var found = ByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var index);
        grammeme = (Grammeme)index;
        return found;
    }

    public static Grammeme Parse(string name) =>
        TryParse(name, out var grammeme) ? grammeme : throw new FormatException($"unknown grammeme \"{name}\"");

    /// <summary>The usual case a rare one stands for when a word has no form of its own for it (pymorphy2's RARE_CASES).</summary>
    public static Grammeme CommonCase(this Grammeme grammeme) => grammeme switch
    {
        Grammeme.Gen1 or Grammeme.Gen2 => Grammeme.Gent,
        Grammeme.Acc2 => Grammeme.Accs,
        Grammeme.Loc1 or Grammeme.Loc2 => Grammeme.Loct,
        Grammeme.Voct => Grammeme.Nomn,
        _ => grammeme,
    };

    private static Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            index.Add(Table[i].Name, i);
        }

        return index;
    }

    private static (string, string, GrammemeCategory)[] BuildTable()
    {
        var table = new (string, string, GrammemeCategory)[Count];

        void Add(GrammemeCategory category, params (Grammeme Grammeme, string Name, string Russian)[] entries)
        {
            foreach (var (grammeme, name, russian) in entries)
            {
                table[(int)grammeme] = (name, russian, category);
            }
        }

        Add(GrammemeCategory.PartOfSpeech,
            (Grammeme.Noun, "NOUN", "СУЩ"), (Grammeme.Adjf, "ADJF", "ПРИЛ"), (Grammeme.Adjs, "ADJS", "КР_ПРИЛ"),
            (Grammeme.Comp, "COMP", "КОМП"), (Grammeme.Verb, "VERB", "ГЛ"), (Grammeme.Infn, "INFN", "ИНФ"),
            (Grammeme.Prtf, "PRTF", "ПРИЧ"), (Grammeme.Prts, "PRTS", "КР_ПРИЧ"), (Grammeme.Grnd, "GRND", "ДЕЕПР"),
            (Grammeme.Numr, "NUMR", "ЧИСЛ"), (Grammeme.Advb, "ADVB", "Н"), (Grammeme.Npro, "NPRO", "МС"),
            (Grammeme.Pred, "PRED", "ПРЕДК"), (Grammeme.Prep, "PREP", "ПР"), (Grammeme.Conj, "CONJ", "СОЮЗ"),
            (Grammeme.Prcl, "PRCL", "ЧАСТ"), (Grammeme.Intj, "INTJ", "МЕЖД"));
        Add(GrammemeCategory.Animacy, (Grammeme.Anim, "anim", "од"), (Grammeme.Inan, "inan", "неод"));
        Add(GrammemeCategory.Gender, (Grammeme.Masc, "masc", "мр"), (Grammeme.Femn, "femn", "жр"), (Grammeme.Neut, "neut", "ср"));
        Add(GrammemeCategory.Number, (Grammeme.Sing, "sing", "ед"), (Grammeme.Plur, "plur", "мн"));
        Add(GrammemeCategory.Case,
            (Grammeme.Nomn, "nomn", "им"), (Grammeme.Gent, "gent", "рд"), (Grammeme.Datv, "datv", "дт"),
            (Grammeme.Accs, "accs", "вн"), (Grammeme.Ablt, "ablt", "тв"), (Grammeme.Loct, "loct", "пр"),
            (Grammeme.Voct, "voct", "зв"), (Grammeme.Gen1, "gen1", "рд1"), (Grammeme.Gen2, "gen2", "рд2"),
            (Grammeme.Acc2, "acc2", "вн2"), (Grammeme.Loc1, "loc1", "пр1"), (Grammeme.Loc2, "loc2", "пр2"));
        Add(GrammemeCategory.Aspect, (Grammeme.Perf, "perf", "сов"), (Grammeme.Impf, "impf", "несов"));
        Add(GrammemeCategory.Transitivity, (Grammeme.Tran, "tran", "перех"), (Grammeme.Intr, "intr", "неперех"));
        Add(GrammemeCategory.Person, (Grammeme.Per1, "1per", "1л"), (Grammeme.Per2, "2per", "2л"), (Grammeme.Per3, "3per", "3л"));
        Add(GrammemeCategory.Tense, (Grammeme.Pres, "pres", "наст"), (Grammeme.Past, "past", "прош"), (Grammeme.Futr, "futr", "буд"));
        Add(GrammemeCategory.Mood, (Grammeme.Indc, "indc", "изъяв"), (Grammeme.Impr, "impr", "повел"));
        Add(GrammemeCategory.Involvement, (Grammeme.Incl, "incl", "вкл"), (Grammeme.Excl, "excl", "выкл"));
        Add(GrammemeCategory.Voice, (Grammeme.Actv, "actv", "действ"), (Grammeme.Pssv, "pssv", "страд"));
        Add(GrammemeCategory.None,
            (Grammeme.ANim, "ANim", "Од-неод"), (Grammeme.GNdr, "GNdr", "хр"), (Grammeme.MsF, "Ms-f", "ор"), (Grammeme.Sgtm, "Sgtm", "sg"), (Grammeme.Pltm, "Pltm", "pl"), (Grammeme.Fixd, "Fixd", "0"),
            (Grammeme.Abbr, "Abbr", "аббр"), (Grammeme.Name, "Name", "имя"), (Grammeme.Surn, "Surn", "фам"),
            (Grammeme.Patr, "Patr", "отч"), (Grammeme.Geox, "Geox", "гео"), (Grammeme.Orgn, "Orgn", "орг"),
            (Grammeme.Trad, "Trad", "tm"), (Grammeme.Subx, "Subx", "субст?"), (Grammeme.Supr, "Supr", "превосх"),
            (Grammeme.Qual, "Qual", "кач"), (Grammeme.Apro, "Apro", "мест-п"), (Grammeme.Anum, "Anum", "числ-п"),
            (Grammeme.Poss, "Poss", "притяж"), (Grammeme.VEy, "V-ey", "*ею"), (Grammeme.VOy, "V-oy", "*ою"),
            (Grammeme.Cmp2, "Cmp2", "сравн2"), (Grammeme.VEj, "V-ej", "*ей"), (Grammeme.Impe, "Impe", "безл"),
            (Grammeme.Impx, "Impx", "безл?"), (Grammeme.Mult, "Mult", "мног"), (Grammeme.Refl, "Refl", "возвр"),
            (Grammeme.Infr, "Infr", "разг"), (Grammeme.Slng, "Slng", "жарг"), (Grammeme.Arch, "Arch", "арх"),
            (Grammeme.Litr, "Litr", "лит"), (Grammeme.Erro, "Erro", "опеч"), (Grammeme.Dist, "Dist", "искаж"),
            (Grammeme.Ques, "Ques", "вопр"), (Grammeme.Dmns, "Dmns", "указ"), (Grammeme.Prnt, "Prnt", "вводн"),
            (Grammeme.VBe, "V-be", "*ье"), (Grammeme.VEn, "V-en", "*енен"), (Grammeme.VIe, "V-ie", "*ие"),
            (Grammeme.VBi, "V-bi", "*ьи"), (Grammeme.Fimp, "Fimp", "*несов"), (Grammeme.Prdx, "Prdx", "предк?"),
            (Grammeme.Coun, "Coun", "счетн"), (Grammeme.Coll, "Coll", "собир"), (Grammeme.VSh, "V-sh", "*ши"),
            (Grammeme.AfP, "Af-p", "*предл"), (Grammeme.Inmx, "Inmx", "не/одуш?"), (Grammeme.Vpre, "Vpre", "в_предл"),
            (Grammeme.Anph, "Anph", "Анаф"), (Grammeme.Init, "Init", "иниц"), (Grammeme.Adjx, "Adjx", "прил?"),
            (Grammeme.Numb, "NUMB", "ЧИСЛО"), (Grammeme.Intg, "intg", "цел"), (Grammeme.Real, "real", "вещ"),
            (Grammeme.Romn, "ROMN", "РИМ"), (Grammeme.Latn, "LATN", "ЛАТ"), (Grammeme.Pnct, "PNCT", "ЗПР"),
            (Grammeme.Unkn, "UNKN", "НЕИЗВ"));
        return table;
    }
}
