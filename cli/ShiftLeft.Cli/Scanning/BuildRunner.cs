using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ShiftLeft.Cli.Scanning;

/// <summary>A diagnostic of the scanned build as MSBuild printed it.</summary>
public sealed record BuildDiagnostic(string Severity, string Code, string Location, string Message);

/// <summary>The outcome of the scanned build.</summary>
public sealed record BuildOutcome(int ExitCode, IReadOnlyList<BuildDiagnostic> Diagnostics, string LogPath)
{
    /// <summary>Errors that are not the evidence gate's: the build itself is broken (restore, compile).</summary>
    public IReadOnlyList<BuildDiagnostic> OtherErrors => Diagnostics.Where(d => d.Severity == "error" && !d.Code.StartsWith("SL10", StringComparison.Ordinal)).ToList();
}

/// <summary>
/// Runs `dotnet build` of the target with the scan's files injected, streaming what it does to a progress callback
/// and to build.log. The portal settings and token are removed from its environment: a scan uploads once, itself.
/// </summary>
public static partial class BuildRunner
{
    public static async Task<BuildOutcome> RunAsync(ScanWorkspace workspace, string? configuration, IReadOnlyList<string> extraArguments, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(progress);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(workspace.Target.Path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(workspace, configuration, extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "SHIFTLEFT_PORTAL_URL", "SHIFTLEFT_TOKEN", "SHIFTLEFT_TOKEN_FILE", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var log = Path.Combine(workspace.Output, "build.log");
        var diagnostics = new List<BuildDiagnostic>();
        await using var writer = new StreamWriter(log);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        using var kill = cancellationToken.Register(() =>
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        });

        async Task Pump(StreamReader reader)
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                lock (writer)
                {
                    writer.WriteLine(line);
                    if (DiagnosticLine().Match(line) is { Success: true } match)
                    {
                        diagnostics.Add(new BuildDiagnostic(match.Groups["severity"].Value, match.Groups["code"].Value, match.Groups["location"].Value.Trim(), match.Groups["message"].Value.Trim()));
                    }
                }

                if (Progress(line) is { } step)
                {
                    progress(step);
                }
            }
        }

        await Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return new BuildOutcome(process.ExitCode, diagnostics.Distinct().ToList(), log);
    }

    private static IEnumerable<string> Arguments(ScanWorkspace workspace, string? configuration, IReadOnlyList<string> extra)
    {
        yield return "build";
        yield return workspace.Target.Path;
        if (configuration is not null)
        {
            yield return "-c";
            yield return configuration;
        }

        foreach (var argument in new[]
                 {
                     "-nologo", "-v:m", "-tl:off", "-nodeReuse:false",
                     "-p:DirectoryBuildPropsPath=" + workspace.Props,
                     "-p:CustomAfterMicrosoftCommonTargets=" + workspace.Targets,
                     "-p:RestoreAdditionalProjectSources=" + workspace.Feed,
                     "-p:ShiftLeftScanRecordsDirectory=" + workspace.Records + "/",
                     // The solution's own publishing hook (if it has one) writes here, not into the repository, and uploads nothing.
                     "-p:ShiftLeftPublishDirectory=" + Path.Combine(workspace.Build, "hook") + "/",
                     "-p:ShiftLeftPortalUrl=",
                     // A scan reports every finding: the gate's failures and warnings-as-errors do not stop dependent projects.
                     "-p:ShiftLeftEvidenceSeverity=Warning",
                     "-p:TreatWarningsAsErrors=false",
                     "-p:CodeAnalysisTreatWarningsAsErrors=false",
                 })
        {
            yield return argument;
        }

        foreach (var argument in extra)
        {
            yield return argument;
        }
    }

    /// <summary>What a build line says about progress, in a few words, or null.</summary>
    private static string? Progress(string line)
    {
        if (line.Contains("Determining projects to restore", StringComparison.Ordinal))
        {
            return "Restoring packages";
        }

        if (BuiltLine().Match(line) is { Success: true } built)
        {
            return "Built " + built.Groups["project"].Value;
        }

        return line.Contains("ShiftLeft evidence gate", StringComparison.Ordinal) ? "Checking evidence" : null;
    }

    [GeneratedRegex(@"^\s*(?<location>.*?)\s*:\s*(?<severity>error|warning) (?<code>[A-Z]+[0-9]+)\s*:\s*(?<message>.*?)(?:\s+\[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"^\s*(?<project>[^\s]+) -> (?<path>.+)$")]
    private static partial Regex BuiltLine();
}
