using ShiftLeft.Cli;
using ShiftLeft.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// In a CI log (output redirected) nothing is wrapped at 80 columns: messages and paths stay on one line for grep.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("shiftleft");
    config.PropagateExceptions();
    config.AddCommand<ScanCommand>("scan")
        .WithDescription("Build a solution or project with ShiftLeft's analyzers and evidence gate injected (nothing in it is edited); write SARIF and evidence; optionally publish to the portal.")
        .WithExample("scan")
        .WithExample("scan", "src/App.sln", "--output", "/tmp/scan")
        .WithExample("scan", "App.slnx", "--publish", "https://portal.example.com", "--fail-on", "findings");
});

try
{
    return await app.RunAsync(args);
}
catch (CommandParseException ex)
{
    AnsiConsole.Write(new Text("shiftleft: " + ex.Message + Environment.NewLine, new Style(Color.Red)));
    return ExitCodes.Usage;
}
catch (CommandRuntimeException ex)
{
    AnsiConsole.Write(new Text("shiftleft: " + ex.Message + Environment.NewLine, new Style(Color.Red)));
    return ExitCodes.Usage;
}
catch (OperationCanceledException)
{
    return ExitCodes.InternalError;
}
#pragma warning disable CA1031 // The tool's last line of defence: a defect is reported with its type, never a stack trace.
catch (Exception ex)
#pragma warning restore CA1031
{
    AnsiConsole.Write(new Text($"shiftleft failed unexpectedly ({ex.GetType().Name}: {ex.Message}). Please report this defect.{Environment.NewLine}", new Style(Color.Red)));
    return ExitCodes.InternalError;
}
