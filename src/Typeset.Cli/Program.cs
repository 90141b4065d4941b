using Typeset.Cli;

// Thin entry point: arguments, exit codes, progress. All work is in the Typeset library.
return CliApp.Run(args);
