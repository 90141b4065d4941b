using System.Collections.Concurrent;
using Typeset.Interop.Leptonica;
using Typeset.Interop.Tesseract;
using Typeset.IO;
using Typeset.Ocr.Geometry;

namespace Typeset.Ocr;

/// <summary>Where the OCR stage writes: figure crops (and the folder their Markdown paths are relative to), sidecars and cache.</summary>
/// <param name="ReviewScansFolder">Where the straightened pages go for review's scan crops; null (the ocr command) writes none.</param>
public sealed record OcrFolders(string MarkdownFolder, string ImagesFolder, string WorkFolder, string? ReviewScansFolder = null)
{
    public string CacheFolder => Path.Combine(WorkFolder, "cache");
}

public sealed record RecognitionResult(IReadOnlyList<OcrPage> Pages, IReadOnlyList<PageFailure> Failures, int FromCache);

/// <summary>
/// Recognises scan pages in parallel: one Tesseract engine per worker thread, pages handed out one at a time, results
/// merged in page order. A worker holds one page image at a time, so memory grows with workers, not with pages.
/// Engines are only created when some page is not cached: a cached re-run never loads the models.
/// </summary>
public static class PageRecognizer
{
    /// <summary>Tesseract recurses deeply on complex pages; a worker thread gets the stack a main thread would.</summary>
    private const int WorkerStackSize = 16 * 1024 * 1024;

    public static RecognitionResult Recognize(IReadOnlyList<string> inputs, OcrSettings settings, OcrFolders folders, Action<string>? progress = null)
    {
        var sources = ScanInputs.Expand(inputs);
        var cache = new PageCache(folders.CacheFolder);
        var fileHashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var pages = new IReadOnlyList<CachedPage>?[sources.Count];
        var errors = new string?[sources.Count];
        var fromCache = 0;
        var done = 0;
        var next = -1;
        Exception? fatal = null;

        void Work()
        {
            using var engines = new WorkerEngines(settings);
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < sources.Count && Volatile.Read(ref fatal) is null)
                {
                    var (source, file, error) = sources[index];
                    if (source is null)
                    {
                        continue;
                    }

                    try
                    {
                        var hash = fileHashes.GetOrAdd(source.File, ScanInputs.HashFile);
                        var key = PageCache.Key(hash, source.Index, settings);
                        var cached = Cached(cache, key, folders.MarkdownFolder);
                        if (cached is not null)
                        {
                            Interlocked.Increment(ref fromCache);
                        }
                        else
                        {
                            cached = RecognizeCapture(engines, source, key, settings, folders);
                            // The first part last: a capture counts as cached only once all its pages are.
                            foreach (var part in cached.Reverse())
                            {
                                cache.Put(part);
                            }
                        }

                        pages[index] = cached;
                        progress?.Invoke($"{Interlocked.Increment(ref done)} of {sources.Count} pages ({Path.GetFileName(source.File)})");
                    }
                    catch (ScanDecodeException e)
                    {
                        errors[index] = e.Message;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                    {
                        errors[index] = e.Message;
                    }
                }
            }
            catch (Exception e)
            {
                // The engine itself cannot start (missing model or library): no page can be read, stop everyone.
                Interlocked.CompareExchange(ref fatal, e, null);
            }
        }

        var workers = Math.Max(1, Math.Min(settings.WorkerCount, sources.Count));
        var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work, WorkerStackSize) { Name = $"ocr-{i}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        WriteNativeMessages(folders.WorkFolder);
        if (fatal is not null)
        {
            throw fatal;
        }

        // Numbered once all are read: a split spread gives two pages, and every later page moves up by one.
        var numbered = new List<OcrPage>();
        var failures = new List<PageFailure>();
        var number = 0;
        for (var index = 0; index < sources.Count; index++)
        {
            var (source, file, error) = sources[index];
            if (source is null || pages[index] is not { } parts)
            {
                failures.Add(new PageFailure(++number, source?.Name ?? file, error ?? errors[index] ?? "not read"));
                continue;
            }

            foreach (var part in parts)
            {
                PublishScan(folders, part.Key, ++number);
                var name = part.Side is { } side ? $"{source.Name} ({side} page)" : source.Name;
                numbered.Add(new OcrPage(number, name, part.DeskewAngle, part.Dpi, part.Recognized, part.Figures, part.Orientation, part.Preparation, part.Steps, part.Warnings));
            }
        }

        return new RecognitionResult(numbered, failures, fromCache);
    }

    /// <summary>A capture's cached pages (two for a split spread), or null unless all of them are there.</summary>
    private static IReadOnlyList<CachedPage>? Cached(PageCache cache, string key, string markdownFolder)
    {
        if (cache.TryGet(key, markdownFolder) is not { } first)
        {
            return null;
        }

        var parts = new List<CachedPage> { first };
        for (var part = 1; part < first.Parts; part++)
        {
            if (cache.TryGet(CachedPage.PartKey(key, part), markdownFolder) is not { } next)
            {
                return null;
            }

            parts.Add(next);
        }

        return parts;
    }

    /// <summary>The capture's pages found (border cut, spread split), each recognised.</summary>
    private static IReadOnlyList<CachedPage> RecognizeCapture(WorkerEngines engines, ScanSource source, string key, OcrSettings settings, OcrFolders folders)
    {
        var capture = ScanDecoder.Decode(source, settings.MaxPixels, fallbackDpi: 0, out var exifTurned);
        var found = CaptureGeometry.Pages(capture);
        return found.Select((page, i) => RecognizePage(engines, source, CachedPage.PartKey(key, i), settings, folders, capture, page, exifTurned)
            with { Parts = found.Count, Side = page.Side }).ToList();
    }

    private static CachedPage RecognizePage(WorkerEngines engines, ScanSource source, string key, OcrSettings settings, OcrFolders folders,
        GreyImage capture, CapturedPage captured, bool exifTurned)
    {
        var decoded = captured.Image;
        var whole = captured.IsWholeCapture(capture);
        var prepared = PagePreparation.Prepare(decoded, settings.Dpi, settings.MaxPixels);
        var (reading, chosen) = ChooseReading(engines.Text, prepared, settings.SecondReading);
        prepared = chosen;
        if (PageOrientation.IsQuestionable(reading.Recognized, prepared.Measure.HasText) && engines.Orientation is { } detector
            && Binarization.Threshold(reading.Handed) is var binary
            && detector.DetectOrientation(binary.Bits, binary.Width, binary.Height, binary.Stride, binary.Dpi)
                is { Degrees: 90 or 180 or 270 } found && found.Confidence >= PageOrientation.SureOrientation)
        {
            var turned = Read(engines.Text, prepared, quarterTurns: PageOrientation.QuarterTurnsToUpright(found));
            if (PageOrientation.Plausibility(turned.Recognized) > PageOrientation.Plausibility(reading.Recognized))
            {
                reading = turned;
            }
        }

        var (page, angle) = (reading.Page, reading.Angle);
        var steps = new List<PageStep>(captured.Steps);
        var recognized = PictureOnlyPage(KeepOnlyPictures(engines.Text, reading, prepared, steps), page, prepared, steps);
        var figures = new List<FigureCrop>();
        using var figureImages = new FigureImages(source, reading.QuarterTurns, angle, page.Dpi, page.Width, page.Height,
            whole ? null : (captured.Region, capture.Width, capture.Height), captured.Resampled);
        foreach (var block in recognized.Blocks.Where(b => PageAnalysis.IsFigureRegion(b, recognized.Width, recognized.Height)))
        {
            var crop = page.Crop(block.Box.X, block.Box.Y, block.Box.Width, block.Box.Height);
            Directory.CreateDirectory(folders.ImagesFolder);
            var (bytes, extension) = figureImages.Encode(crop, block.Box);
            var file = Path.Combine(folders.ImagesFolder, $"scan-{key[..16]}{key[24..]}-{figures.Count + 1}.{extension}");
            AtomicFile.Write(file, stream => stream.Write(bytes));
            figures.Add(new FigureCrop(block.Box, Path.GetRelativePath(folders.MarkdownFolder, file).Replace('\\', '/')));
        }

        // The straightened page, in whose pixels every box is given, kept for review's scan crops. A JPEG page that needed no
        // straightening is that picture already: its own bytes are kept, which saves encoding a page (and keeps its quality).
        Directory.CreateDirectory(folders.CacheFolder);
        var jpeg = whole && !captured.Resampled && angle == 0 && reading.QuarterTurns == 0 && source.Format == ScanFormat.Jpeg && ScanDecoder.BrowsersShowAsDecoded(File.ReadAllBytes(source.File)) is { } original
            ? original
            : page.EncodeJpeg();
        AtomicFile.Write(ScanInCache(folders, key), stream => stream.Write(jpeg));
        var warnings = PageWarnings.Of(capture, recognized, figures.Count, exifTurned, reading.QuarterTurns);
        return new CachedPage(key, angle, page.Dpi, recognized, figures, reading.QuarterTurns * 90, PreparationNote.Of(prepared), steps, warnings);
    }

    /// <summary>
    /// The page read with the handover its measures chose and, when that reading is doubtful, with the others too; the
    /// reading Tesseract is surest of is kept (<see cref="ReadingChoice"/>), and the preparation says which and why.
    /// </summary>
    private static (PageReading Reading, PagePreparation Prepared) ChooseReading(TesseractEngine engine, PagePreparation prepared, bool secondReading)
    {
        var best = Read(engine, prepared, quarterTurns: 0);
        if (!secondReading || !ReadingChoice.IsDoubtful(best.Recognized))
        {
            return (best, prepared);
        }

        var firstConfidence = PageOrientation.MeanConfidence(best.Recognized);
        var bestHandover = prepared.Handover;
        var bestScore = ReadingChoice.Score(best.Recognized);
        var tried = new List<string> { $"{PreparationNote.HandoverName(bestHandover)} {bestScore:0}" };
        var evened = prepared.Scanned is { } scanned && !ReferenceEquals(scanned.Pixels, prepared.Page.Pixels);
        foreach (var other in ReadingChoice.Alternatives(prepared.Handover, evened))
        {
            var reading = Read(engine, prepared, quarterTurns: 0, other);
            var score = ReadingChoice.Score(reading.Recognized);
            tried.Add($"{PreparationNote.HandoverName(other)} {score:0}");
            if (ReadingChoice.Beats(score, bestScore))
            {
                (best, bestHandover, bestScore) = (reading, other, score);
            }
        }

        var reason = $"{prepared.Reason}; doubtful reading (confidence {firstConfidence:0}), read again, "
                     + $"confident letters {string.Join(", ", tried)}: {PreparationNote.HandoverName(bestHandover)} kept";
        return (best, prepared with { Handover = bestHandover, Reason = reason });
    }

    /// <summary>
    /// The prepared page turned upright by <paramref name="quarterTurns"/>, straightened, enlarged when its type is small,
    /// handed to Tesseract as <paramref name="handover"/> says (the preparation's choice when not given), and the boxes
    /// mapped back to the straightened page's own pixels.
    /// </summary>
    private static PageReading Read(TesseractEngine engine, PagePreparation prepared, int quarterTurns, Handover? handover = null)
    {
        var how = handover ?? prepared.Handover;
        var source = how == Handover.AsScanned && prepared.Scanned is { } scanned ? scanned : prepared.Page;
        var (page, angle) = Deskew.Straighten(PageOrientation.Turn(source, quarterTurns));
        var handed = prepared.Scale > 1 ? page.Enlarged(prepared.Scale) : page;
        RecognizedPage recognized;
        if (how == Handover.Binary)
        {
            var binary = Binarization.Threshold(handed);
            recognized = engine.RecognizeBinary(binary.Bits, binary.Width, binary.Height, binary.Stride, binary.Dpi);
        }
        else if (how == Handover.GreySauvola)
        {
            engine.SetVariable(TesseractEngine.ThresholdingMethod, TesseractEngine.SauvolaThreshold);
            try
            {
                recognized = engine.Recognize(handed.Pixels, handed.Width, handed.Height, handed.Dpi);
            }
            finally
            {
                engine.SetVariable(TesseractEngine.ThresholdingMethod, TesseractEngine.OtsuThreshold);
            }
        }
        else
        {
            recognized = engine.Recognize(handed.Pixels, handed.Width, handed.Height, handed.Dpi);
        }

        return new PageReading(page, angle, quarterTurns, handed, recognized.Shrunk(prepared.Scale, page.Width, page.Height));
    }

    /// <summary>
    /// The page's picture regions that are pictures; the others (a table, a form, a stamp, a page of text that
    /// Tesseract's layout analysis took for an image) are no longer pictures, and where Tesseract read no text in one, the
    /// region is read again as a block of text, so nothing in it is lost.
    /// </summary>
    private static RecognizedPage KeepOnlyPictures(TesseractEngine engine, PageReading reading, PagePreparation prepared, List<PageStep> steps)
    {
        var recognized = reading.Recognized;
        var blocks = new List<RecognizedBlock>();
        foreach (var block in recognized.Blocks)
        {
            if (!PageAnalysis.IsFigureRegion(block, recognized.Width, recognized.Height))
            {
                blocks.Add(block);
                continue;
            }

            var crop = reading.Page.Crop(block.Box.X, block.Box.Y, block.Box.Width, block.Box.Height);
            if (IsScannerBorder(block.Box, crop, recognized))
            {
                steps.Add(new PageStep("scanner-border", "a dark or flat band along the page's edge: no picture", block.Box));
                continue;
            }

            var edge = Math.Max(recognized.Width, recognized.Height) / 100;
            var touching = (block.Box.X <= edge, block.Box.Y <= edge, block.Box.Right >= recognized.Width - edge, block.Box.Bottom >= recognized.Height - edge);
            if (PictureRegions.BeyondThePage(crop, prepared.Measure, touching))
            {
                steps.Add(new PageStep("beyond-the-page", "the background around the page and blank paper: no picture", block.Box));
                continue;
            }

            var cover = PictureRegions.TextCover(recognized, block.Box);
            var verdict = PictureRegions.Judge(crop, prepared.Measure, prepared.Threshold, cover);
            if (verdict.IsPicture)
            {
                blocks.Add(block);
                continue;
            }

            var reread = cover < 0.05 ? ReadAsText(engine, reading, prepared.Scale, block.Box) : [];
            steps.Add(new PageStep("not-a-picture", verdict.Reason + (reread.Count > 0 ? $"; read as text: {reread.Sum(b => b.Lines.Count)} lines" : string.Empty), block.Box));
            blocks.AddRange(reread);
        }

        return recognized with { Blocks = blocks };
    }

    /// <summary>
    /// A page with no text and no picture region that is a picture itself (a photograph, a drawing filling the page):
    /// layout analysis finds no region on it, so the whole page becomes the figure instead of an empty page.
    /// </summary>
    private static RecognizedPage PictureOnlyPage(RecognizedPage recognized, GreyImage page, PagePreparation prepared, List<PageStep> steps)
    {
        if (recognized.Blocks.Any(b => PageAnalysis.IsFigureRegion(b, recognized.Width, recognized.Height))
            || recognized.Blocks.SelectMany(b => b.Lines).SelectMany(l => l.Words).Any(w => w.Text.Any(char.IsLetterOrDigit)))
        {
            return recognized;
        }

        var verdict = PictureRegions.Judge(page, prepared.Measure, prepared.Threshold, textCover: 0);
        if (!verdict.IsPicture)
        {
            return recognized;
        }

        var box = new Box(0, 0, recognized.Width, recognized.Height);
        steps.Add(new PageStep("picture-page", $"no text and no region found, the page itself is a picture: {verdict.Reason}", box));
        return recognized with { Blocks = [new RecognizedBlock(BlockKind.FlowingImage, box, [])] };
    }

    /// <summary>A region read as one block of text, its boxes in the straightened page's pixels.</summary>
    private static IReadOnlyList<RecognizedBlock> ReadAsText(TesseractEngine engine, PageReading reading, double scale, Box box)
    {
        var handed = reading.Handed;
        var (x, y) = ((int)Math.Floor(box.X * scale), (int)Math.Floor(box.Y * scale));
        var region = handed.Crop(x, y, (int)Math.Ceiling(box.Width * scale), (int)Math.Ceiling(box.Height * scale));
        engine.Segmentation = PageSegmentation.SingleBlock;
        try
        {
            var found = engine.Recognize(region.Pixels, region.Width, region.Height, region.Dpi);
            var placed = found.Shifted(x, y).Shrunk(scale, reading.Page.Width, reading.Page.Height);
            return placed.Blocks.Where(b => b.Lines.Count > 0).Select(b => b with { Kind = BlockKind.FlowingText }).ToList();
        }
        finally
        {
            engine.Segmentation = PageSegmentation.Auto;
        }
    }

    private sealed record PageReading(GreyImage Page, double Angle, int QuarterTurns, GreyImage Handed, RecognizedPage Recognized);

    /// <summary>
    /// A worker's engines, opened on first use: a cached re-run never loads a model, and the orientation model is only
    /// loaded when some page is questioned (and only if installed: without it pages are taken as they come).
    /// </summary>
    private sealed class WorkerEngines(OcrSettings settings) : IDisposable
    {
        private TesseractEngine? text;
        private TesseractEngine? orientation;
        private bool orientationTried;

        public TesseractEngine Text => text ??= TesseractEngine.Open(settings.Languages, settings.DataPath);

        public TesseractEngine? Orientation
        {
            get
            {
                if (!orientationTried)
                {
                    orientationTried = true;
                    if (File.Exists(Path.Combine(settings.DataPath, "osd.traineddata")))
                    {
                        orientation = TesseractEngine.OpenOrientationDetector(settings.DataPath);
                    }
                }

                return orientation;
            }
        }

        public void Dispose()
        {
            text?.Dispose();
            orientation?.Dispose();
        }
    }

    /// <summary>
    /// What Tesseract and leptonica said during the run, in work/ocr/native-messages.log (not on the terminal); an old
    /// log goes when there is nothing to say.
    /// </summary>
    private static void WriteNativeMessages(string workFolder)
    {
        var messages = NativeMessages.Take();
        var log = Path.Combine(workFolder, "native-messages.log");
        if (messages.Count > 0)
        {
            Directory.CreateDirectory(workFolder);
            AtomicFile.WriteAllText(log, string.Join('\n', messages) + "\n");
        }
        else if (File.Exists(log))
        {
            File.Delete(log);
        }
    }

    private static string ScanInCache(OcrFolders folders, string key) => Path.Combine(folders.CacheFolder, key + ".jpg");

    /// <summary>
    /// Puts the page's straightened scan where review looks for it (output/review/scans/page-NNNN.jpg), copying from
    /// the cache only when it is missing or different, so a cached re-run stays fast.
    /// </summary>
    private static void PublishScan(OcrFolders folders, string key, int number)
    {
        var stored = ScanInCache(folders, key);
        if (folders.ReviewScansFolder is null || !File.Exists(stored))
        {
            return;
        }

        var target = Path.Combine(folders.ReviewScansFolder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page-{number:0000}.jpg"));
        if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(stored).Length)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(stored);
        AtomicFile.Write(target, stream => stream.Write(bytes));
    }

    /// <summary>
    /// The dark band a scanner leaves along a page edge is found as a picture too: a region touching the edge that is
    /// nearly black or nearly flat is no figure.
    /// </summary>
    internal static bool IsScannerBorder(Box box, GreyImage crop, RecognizedPage page)
    {
        var edge = Math.Max(page.Width, page.Height) / 100;
        var touchesEdge = box.X <= edge || box.Y <= edge || box.Right >= page.Width - edge || box.Bottom >= page.Height - edge;
        if (!touchesEdge)
        {
            return false;
        }

        double sum = 0, squares = 0;
        var pixels = crop.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            sum += pixels[i];
            squares += pixels[i] * (double)pixels[i];
        }

        var count = (pixels.Length + 2) / 3;
        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
        return mean < 60 || deviation < 12;
    }
}
