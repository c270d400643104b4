namespace ShiftLeft.Cli;

/// <summary>The tool's exit codes (docs/getting-started.md, "The shiftleft tool"); a CI step can branch on each.</summary>
public static class ExitCodes
{
    /// <summary>Scanned; every AI system's evidence gate passed (or there is none); published when asked.</summary>
    public const int Success = 0;

    /// <summary>An AI system's evidence gate failed.</summary>
    public const int GateFailed = 1;

    /// <summary>--fail-on findings, and the scan found at least one published finding.</summary>
    public const int FindingsFound = 2;

    /// <summary>The build failed for a reason other than the gate (restore, compile errors): results may be incomplete.</summary>
    public const int BuildFailed = 3;

    /// <summary>--publish was given and the upload failed.</summary>
    public const int PublishFailed = 4;

    /// <summary>Wrong arguments: nothing was scanned.</summary>
    public const int Usage = 64;

    /// <summary>A defect in the tool.</summary>
    public const int InternalError = 70;
}
