// Placeholder entry point so the solution builds; the commands arrive with the CLI change.
Console.Error.WriteLine("typeset: no commands implemented yet");
return 2;
