namespace Typeset.Pipeline;

/// <summary>The user asked for something impossible (bad option, missing input folder): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An input or output file could not be processed (unreadable, not UTF-8, not writable): exit code 1.</summary>
public sealed class ProcessingException(string message, Exception? inner = null) : Exception(message, inner);
