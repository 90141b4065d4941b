using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Typeset.Interop.Leptonica;

/// <summary>
/// What leptonica and Tesseract would print on the terminal ("Invalid resolution", "Detected 136 diacritics", "Error
/// in pixRead…"), kept for our log instead. Leptonica takes a message handler. Tesseract writes through one
/// process-wide C stream named by its <c>debug_file</c> variable: it is pointed at a file opened and at once unlinked
/// here (so nothing is left on disk), and read back after the stream is flushed.
/// </summary>
public static unsafe partial class NativeMessages
{
    private static readonly ConcurrentQueue<string> Queue = new();
    private static readonly Lock Gate = new();
    private static bool routed;
    private static SafeFileHandle? tesseractLog;
    private static long tesseractRead;
    private static string? tesseractDebugFile;

    /// <summary>The value for Tesseract's <c>debug_file</c>: a path to the unlinked log file, or "/dev/null" when it cannot be made.</summary>
    public static string TesseractDebugFile
    {
        get
        {
            lock (Gate)
            {
                if (tesseractDebugFile is null)
                {
                    try
                    {
                        var path = Path.Combine(Path.GetTempPath(), $"typeset-native-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
                        tesseractLog = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                        File.Delete(path);
                        tesseractDebugFile = $"/dev/fd/{tesseractLog.DangerousGetHandle()}";
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        tesseractDebugFile = "/dev/null";
                    }
                }

                return tesseractDebugFile;
            }
        }
    }

    /// <summary>Installs leptonica's handler (once a process); call before any leptonica call that may complain.</summary>
    public static void Route()
    {
        lock (Gate)
        {
            if (routed)
            {
                return;
            }

            LeptonicaNative.leptSetStderrHandler(&OnLeptonicaMessage);
            routed = true;
        }
    }

    /// <summary>Every message since the last call, oldest first ("leptonica: …", "tesseract: …").</summary>
    public static IReadOnlyList<string> Take()
    {
        lock (Gate)
        {
            if (tesseractLog is not null)
            {
                // Tesseract's stream is buffered: flush every C stream, then read what was added to the file.
                fflush(IntPtr.Zero);
                var length = RandomAccess.GetLength(tesseractLog);
                if (length > tesseractRead)
                {
                    var bytes = new byte[length - tesseractRead];
                    var read = RandomAccess.Read(tesseractLog, bytes, tesseractRead);
                    tesseractRead += read;
                    Add("tesseract", Encoding.UTF8.GetString(bytes, 0, read));
                }
            }
        }

        var messages = new List<string>();
        while (Queue.TryDequeue(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    private static void Add(string source, string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Queue.Enqueue($"{source}: {line}");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLeptonicaMessage(byte* text)
    {
        try
        {
            Add("leptonica", Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty);
        }
        catch (Exception)
        {
            // Never let an exception cross into native code.
        }
    }

    [LibraryImport("libc")]
    private static partial int fflush(IntPtr stream);
}
