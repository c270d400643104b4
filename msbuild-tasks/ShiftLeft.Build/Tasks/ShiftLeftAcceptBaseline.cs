using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// `dotnet msbuild -t:ShiftLeftAcceptBaseline`: accepts the system's current evidence as the baseline of its
/// regression rules (see <see cref="BaselineAcceptor"/>).
/// </summary>
public sealed class ShiftLeftAcceptBaseline : PolicyCommandTask
{
    /// <summary>$(SourceRevisionId); when empty HEAD is read from .git.</summary>
    public string? Commit { get; set; }

    protected override string Purpose => "accept a baseline for";

    protected override string? Run(string projectPath, string policyPath, DateTimeOffset now, List<EvidenceDiagnostic> diagnostics) =>
        BaselineAcceptor.Accept(new AcceptRequest(projectPath, policyPath, string.IsNullOrWhiteSpace(Commit) ? null : Commit, now), diagnostics);
}
