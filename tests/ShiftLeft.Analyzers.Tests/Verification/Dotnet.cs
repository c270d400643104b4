// Usage: var output = await Dotnet.RunAsync(["build", project, "-nologo"], workingDirectory);
// Runs the dotnet CLI (telemetry and logo off, no MSBuild node left behind) and returns its output; a non-zero exit
// throws DotnetFailedException with the command, the folder and the whole output.
using System.Diagnostics;

namespace ShiftLeft.Analyzers.Tests.Verification;

public static class Dotnet
{
    public static async Task<string> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cancellation.Token);
        var text = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new DotnetFailedException($"dotnet {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode} in {workingDirectory}:\n{text}");
        }

        return text;
    }
}

public sealed class DotnetFailedException(string message) : Exception(message);
