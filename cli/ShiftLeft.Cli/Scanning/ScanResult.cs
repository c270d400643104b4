using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Cli.Scanning;

/// <summary>Everything a scan found and did, for the summary and the exit code.</summary>
public sealed record ScanResult(ScanTarget Target, BuildOutcome Build, PublishOutcome Publish, string? PublishUrl, IReadOnlyList<string> UndeclaredAiProjects, FailOn FailOn)
{
    public int Findings => Publish.ResultsPerRule.Values.Sum();

    public bool GateFailed => Publish.Systems.Any(s => !s.GatePassed);

    public int ExitCode =>
        Build.OtherErrors.Count > 0 ? ExitCodes.BuildFailed
        : PublishUrl is not null && Publish.Receipt is null ? ExitCodes.PublishFailed
        : GateFailed && FailOn != FailOn.Never ? ExitCodes.GateFailed
        : FailOn == FailOn.Findings && Findings > 0 ? ExitCodes.FindingsFound
        : ExitCodes.Success;
}

/// <summary>What fails the scan's exit code.</summary>
public enum FailOn
{
    /// <summary>A failing evidence gate (exit 1); findings alone do not.</summary>
    Gate,

    /// <summary>A failing gate (1) or any published finding (2).</summary>
    Findings,

    /// <summary>Only a broken build (3) or a failed upload (4).</summary>
    Never,
}
