using Laoshi.Cli;

return await LaoshiCommandLine.RunAsync(args);
