using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// Logs again the warnings of the last passing gate run when the gate target is up to date, so a near-expiry
/// exception (SL1006) or an undeclared AI project (SL1007) is not shown once and then hidden by incremental builds.
/// </summary>
public sealed class ShiftLeftReplayDiagnostics : Microsoft.Build.Utilities.Task
{
    /// <summary>The replay file the gate wrote.</summary>
    [Microsoft.Build.Framework.Required]
    public string ReplayPath { get; set; } = string.Empty;

    public override bool Execute()
    {
        try
        {
            foreach (var diagnostic in LoggedDiagnostic.Parse(File.ReadLines(ReplayPath)))
            {
                diagnostic.LogTo(Log);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogMessage($"ShiftLeft: the cached findings in '{ReplayPath}' could not be read ({EvidenceDiagnostic.Excerpt(ex.Message)}); the next build that changes an input shows them again.");
        }

        return true;
    }
}
