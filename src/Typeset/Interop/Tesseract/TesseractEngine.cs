using System.Runtime.InteropServices;
using Typeset.Interop.Leptonica;

namespace Typeset.Interop.Tesseract;

/// <summary>
/// One libtesseract engine (TessBaseAPI) for one language set. Not thread-safe: use one engine per worker thread.
/// Recognises a grey or black-and-white image with automatic page segmentation and returns every block, line and word with its
/// box and confidence.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    public const string DefaultDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    private static readonly Lock EnvironmentGate = new();
    private static bool environmentReady;
    private IntPtr handle;
    private PageSegmentation segmentation = PageSegmentation.Auto;

    private TesseractEngine(IntPtr handle, string languages)
    {
        this.handle = handle;
        Languages = languages;
    }

    public string Languages { get; }

    /// <summary>The library's version string ("5.3.0").</summary>
    public static string Version
    {
        get
        {
            PrepareNativeEnvironment();
            return Marshal.PtrToStringUTF8(TesseractNative.TessVersion()) ?? string.Empty;
        }
    }

    /// <summary>
    /// Sets OMP_THREAD_LIMIT=1 in the native environment before libtesseract is first loaded: OpenMP reads it once,
    /// and with it on a page is several times slower here; the stage parallelises across pages instead.
    /// </summary>
    public static void PrepareNativeEnvironment()
    {
        lock (EnvironmentGate)
        {
            if (environmentReady)
            {
                return;
            }

            LibC.setenv("OMP_THREAD_LIMIT", "1", 1);
            Environment.SetEnvironmentVariable("OMP_THREAD_LIMIT", "1");
            environmentReady = true;
        }
    }

    /// <summary>Loads <paramref name="languages"/> ("rus+eng") from <paramref name="dataPath"/>.</summary>
    public static TesseractEngine Open(string languages, string dataPath = DefaultDataPath, IReadOnlyDictionary<string, string>? variables = null)
    {
        PrepareNativeEnvironment();
        foreach (var language in languages.Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            var model = Path.Combine(dataPath, language + ".traineddata");
            if (!File.Exists(model))
            {
                throw new FileNotFoundException($"Tesseract model {model} not found (install tesseract-ocr-{language} or set the ocr stage's languages)", model);
            }
        }

        IntPtr handle;
        try
        {
            handle = TesseractNative.TessBaseAPICreate();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"{TesseractNative.Library} not found (install tesseract-ocr): {e.Message}", e);
        }

        // Tesseract's messages go to our log, not the terminal (set before Init, which may complain too).
        NativeMessages.Route();
        TesseractNative.TessBaseAPISetVariable(handle, "debug_file", NativeMessages.TesseractDebugFile);
        if (TesseractNative.TessBaseAPIInit3(handle, dataPath, languages) != 0)
        {
            TesseractNative.TessBaseAPIDelete(handle);
            throw new InvalidOperationException($"libtesseract could not load languages \"{languages}\" from {dataPath}");
        }

        var engine = new TesseractEngine(handle, languages);
        TesseractNative.TessBaseAPISetPageSegMode(handle, TesseractNative.PageSegModeAuto);
        // The LSTM's per-symbol alternatives, for the choice iterator.
        TesseractNative.TessBaseAPISetVariable(handle, "lstm_choice_mode", "2");
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            engine.SetVariable(name, value);
        }

        return engine;
    }

    /// <summary>An engine for <see cref="DetectOrientation"/> only (Tesseract's osd model, installed with tesseract-ocr).</summary>
    public static TesseractEngine OpenOrientationDetector(string dataPath = DefaultDataPath)
    {
        var engine = Open("osd", dataPath);
        TesseractNative.TessBaseAPISetPageSegMode(engine.Handle, TesseractNative.PageSegModeOrientationOnly);
        return engine;
    }

    /// <summary>How Tesseract segments the next images: the whole page (the default) or one uniform block of text.</summary>
    public PageSegmentation Segmentation
    {
        get => segmentation;
        set
        {
            TesseractNative.TessBaseAPISetPageSegMode(Handle, (int)value);
            segmentation = value;
        }
    }

    /// <summary>Tesseract's variable choosing how it thresholds a grey image: <see cref="OtsuThreshold"/> (its default) or <see cref="SauvolaThreshold"/>.</summary>
    public const string ThresholdingMethod = "thresholding_method";

    public const string OtsuThreshold = "0";

    /// <summary>Sauvola's local threshold, as Leptonica's pixSauvolaBinarizeTiled computes it, windows scaled by the image's resolution.</summary>
    public const string SauvolaThreshold = "2";

    public void SetVariable(string name, string value)
    {
        if (!TesseractNative.TessBaseAPISetVariable(Handle, name, value))
        {
            throw new ArgumentException($"Tesseract has no variable \"{name}\" (or rejects \"{value}\")", nameof(name));
        }
    }

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(TesseractEngine));

    /// <summary>Recognises an 8-bit grey image (row-major, <paramref name="width"/> bytes a row) at <paramref name="dpi"/>; Tesseract thresholds it.</summary>
    public RecognizedPage Recognize(ReadOnlySpan<byte> grey, int width, int height, int dpi)
    {
        if (width <= 0 || height <= 0 || grey.Length < (long)width * height)
        {
            throw new ArgumentException($"image buffer of {grey.Length} bytes does not hold {width}×{height} pixels", nameof(grey));
        }

        using var pix = Pix.FromGrey(grey, width, height, dpi);
        return Recognize(pix);
    }

    /// <summary>
    /// Recognises a black-and-white image at <paramref name="dpi"/>: one bit a pixel, <paramref name="bytesPerLine"/> bytes a
    /// row, leftmost pixel in the most significant bit, a set bit white. Tesseract skips its own thresholding.
    /// </summary>
    public RecognizedPage RecognizeBinary(ReadOnlySpan<byte> bits, int width, int height, int bytesPerLine, int dpi)
    {
        using var pix = Pix.FromWhiteBits(bits, width, height, bytesPerLine, dpi);
        return Recognize(pix);
    }

    /// <summary>
    /// The page's orientation as Tesseract's orientation and script detection sees it (an engine opened with
    /// <see cref="OpenOrientationDetector"/>), from a black-and-white image as <see cref="RecognizeBinary"/> takes it;
    /// null when the page has too little text to tell.
    /// </summary>
    public DetectedOrientation? DetectOrientation(ReadOnlySpan<byte> bits, int width, int height, int bytesPerLine, int dpi)
    {
        using var pix = Pix.FromWhiteBits(bits, width, height, bytesPerLine, dpi);
        return WithImage(pix, () =>
        {
            if (!TesseractNative.TessBaseAPIDetectOrientationScript(Handle, out var degrees, out var confidence, out var script, out var scriptConfidence))
            {
                return null;
            }

            return new DetectedOrientation(degrees, confidence, Marshal.PtrToStringUTF8(script) ?? string.Empty, scriptConfidence);
        });
    }

    private RecognizedPage Recognize(Pix pix) =>
        WithImage(pix, () =>
        {
            if (TesseractNative.TessBaseAPIRecognize(Handle, IntPtr.Zero) != 0)
            {
                throw new InvalidOperationException("libtesseract failed to recognise the image");
            }

            return ReadResults(pix.Width, pix.Height);
        });

    /// <summary>
    /// Hands Tesseract the image as a leptonica PIX that carries its resolution: parts of Tesseract (the orientation
    /// check among them) read the resolution from the image itself, not from SetSourceResolution.
    /// </summary>
    private T WithImage<T>(Pix pix, Func<T> read)
    {
        TesseractNative.TessBaseAPISetImage2(Handle, pix.Handle);
        TesseractNative.TessBaseAPISetSourceResolution(Handle, pix.Dpi);
        try
        {
            return read();
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(Handle);
        }
    }

    private RecognizedPage ReadResults(int width, int height)
    {
        var blocks = new List<RecognizedBlock>();
        var iterator = TesseractNative.TessBaseAPIGetIterator(Handle);
        if (iterator == IntPtr.Zero)
        {
            return new RecognizedPage(width, height, blocks);
        }

        try
        {
            var page = TesseractNative.TessResultIteratorGetPageIterator(iterator);
            BlockBuilder? block = null;
            LineBuilder? line = null;
            do
            {
                if (TesseractNative.TessPageIteratorIsAtBeginningOf(page, PageLevel.Block))
                {
                    Flush(ref line, block);
                    if (block is not null)
                    {
                        blocks.Add(block.Build());
                    }

                    block = new BlockBuilder((BlockKind)TesseractNative.TessPageIteratorBlockType(page), BoxOf(page, PageLevel.Block) ?? new Box(0, 0, 0, 0));
                }

                var wordText = TakeText(TesseractNative.TessResultIteratorGetUTF8Text(iterator, PageLevel.Word));
                if (string.IsNullOrWhiteSpace(wordText) || block is null)
                {
                    continue;
                }

                if (line is null || TesseractNative.TessPageIteratorIsAtBeginningOf(page, PageLevel.TextLine))
                {
                    Flush(ref line, block);
                    var lineBox = BoxOf(page, PageLevel.TextLine) ?? new Box(0, 0, 0, 0);
                    var baseline = TesseractNative.TessPageIteratorBaseline(page, PageLevel.TextLine, out _, out var y1, out _, out var y2)
                        ? (y1 + y2) / 2
                        : lineBox.Bottom;
                    line = new LineBuilder(lineBox, baseline, TesseractNative.TessPageIteratorIsAtBeginningOf(page, PageLevel.Paragraph));
                }

                var font = TesseractNative.TessResultIteratorWordFontAttributes(iterator, out var bold, out var italic, out _, out _, out _, out _, out var pointSize, out _);
                var (symbols, alternatives) = Symbols(iterator);
                line.Words.Add(new RecognizedWord(
                    wordText,
                    TesseractNative.TessResultIteratorConfidence(iterator, PageLevel.Word),
                    BoxOf(page, PageLevel.Word) ?? line.Box,
                    font != IntPtr.Zero && bold != 0,
                    font != IntPtr.Zero && italic != 0,
                    font != IntPtr.Zero ? pointSize : 0,
                    wordText.Any(c => !char.IsLetter(c)) ? symbols : null,
                    alternatives.Count > 0 ? alternatives : null));
            }
            while (TesseractNative.TessResultIteratorNext(iterator, PageLevel.Word));

            Flush(ref line, block);
            if (block is not null)
            {
                blocks.Add(block.Build());
            }
        }
        finally
        {
            TesseractNative.TessResultIteratorDelete(iterator);
        }

        return new RecognizedPage(width, height, blocks);
    }

    private static void Flush(ref LineBuilder? line, BlockBuilder? block)
    {
        if (line is { Words.Count: > 0 } && block is not null)
        {
            block.Lines.Add(line.Build());
        }

        line = null;
    }

    /// <summary>
    /// The word's symbols with their boxes (footnote markers are told from the text by their raised, smaller boxes), and
    /// for each symbol the recogniser's rival readings (the spelling stage prefers corrections it considered).
    /// </summary>
    private static (IReadOnlyList<RecognizedSymbol> Symbols, IReadOnlyList<SymbolAlternatives> Alternatives) Symbols(IntPtr iterator)
    {
        var symbols = new List<RecognizedSymbol>();
        var alternatives = new List<SymbolAlternatives>();
        var copy = TesseractNative.TessResultIteratorCopy(iterator);
        try
        {
            var page = TesseractNative.TessResultIteratorGetPageIterator(copy);
            while (true)
            {
                var text = TakeText(TesseractNative.TessResultIteratorGetUTF8Text(copy, PageLevel.Symbol));
                if (!string.IsNullOrEmpty(text))
                {
                    if (Choices(copy, text) is { Count: > 0 } others)
                    {
                        alternatives.Add(new SymbolAlternatives(symbols.Count, text, others));
                    }

                    symbols.Add(new RecognizedSymbol(text, BoxOf(page, PageLevel.Symbol) ?? new Box(0, 0, 0, 0)));
                }

                if (TesseractNative.TessPageIteratorIsAtFinalElement(page, PageLevel.Word, PageLevel.Symbol) ||
                    !TesseractNative.TessResultIteratorNext(copy, PageLevel.Symbol))
                {
                    break;
                }
            }
        }
        finally
        {
            TesseractNative.TessResultIteratorDelete(copy);
        }

        return (symbols, alternatives);
    }

    /// <summary>The choices other than <paramref name="chosen"/> for the symbol at the iterator, likeliest first.</summary>
    /// <summary>Rivals below this confidence (most of the LSTM's list reads 0.0) say nothing and are not kept.</summary>
    public const float MinimumAlternativeConfidence = 1;

    private static List<SymbolChoice>? Choices(IntPtr iterator, string chosen)
    {
        var choices = TesseractNative.TessResultIteratorGetChoiceIterator(iterator);
        if (choices == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            List<SymbolChoice>? others = null;
            do
            {
                var text = Marshal.PtrToStringUTF8(TesseractNative.TessChoiceIteratorGetUTF8Text(choices));
                var confidence = TesseractNative.TessChoiceIteratorConfidence(choices);
                if (!string.IsNullOrEmpty(text) && text != chosen && confidence >= MinimumAlternativeConfidence && (others is null || others.All(o => o.Text != text)))
                {
                    (others ??= []).Add(new SymbolChoice(text, confidence));
                }
            }
            while (TesseractNative.TessChoiceIteratorNext(choices));

            return others?.OrderByDescending(o => o.Confidence).ToList();
        }
        finally
        {
            TesseractNative.TessChoiceIteratorDelete(choices);
        }
    }

    private static Box? BoxOf(IntPtr page, PageLevel level) =>
        TesseractNative.TessPageIteratorBoundingBox(page, level, out var left, out var top, out var right, out var bottom)
            ? new Box(left, top, right - left, bottom - top)
            : null;

    private static string? TakeText(IntPtr text)
    {
        if (text == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            TesseractNative.TessDeleteText(text);
        }
    }

    public void Dispose()
    {
        if (handle != IntPtr.Zero)
        {
            TesseractNative.TessBaseAPIDelete(handle);
            handle = IntPtr.Zero;
        }
    }

    private sealed class BlockBuilder(BlockKind kind, Box box)
    {
        public List<RecognizedLine> Lines { get; } = [];

        public RecognizedBlock Build() => new(kind, box, Lines);
    }

    private sealed class LineBuilder(Box box, int baseline, bool startsParagraph)
    {
        public Box Box => box;

        public List<RecognizedWord> Words { get; } = [];

        public RecognizedLine Build() => new(box, baseline, startsParagraph, Words);
    }
}

/// <param name="Degrees">How far the page's text is turned from upright, clockwise: 0, 90, 180 or 270.</param>
/// <param name="Confidence">Tesseract's confidence in that orientation against the others (about 2 and more is sure).</param>
public sealed record DetectedOrientation(int Degrees, float Confidence, string Script, float ScriptConfidence);

/// <summary>Tesseract's page segmentation modes the OCR stage uses.</summary>
public enum PageSegmentation
{
    /// <summary>Fully automatic page segmentation (blocks, pictures, columns), no orientation detection.</summary>
    Auto = 3,

    /// <summary>One uniform block of text: for a region layout analysis mistook for a picture.</summary>
    SingleBlock = 6,
}
