using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Governance;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>A throwaway repository whose policy requires a red team and a sign-off and trusts only the portal's key.</summary>
public sealed class GateRepository : IDisposable
{
    public const string SignOffPath = "governance/support-assistant.signoff.json";

    private readonly string root = Path.Combine(Path.GetTempPath(), "shiftleft-portal-gate", Guid.NewGuid().ToString("N"));

    public GateRepository(string trustedKeyJson)
    {
        Write("src/Support/Support.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Write("shiftleft.json", $$"""
            {
              "systems": [{
                "name": "support-assistant", "owner": "team-support", "riskTier": "release",
                "projects": ["src/Support/*.csproj"],
                "evidence": { "redTeam": "eval/redteam.json", "signOff": "{{SignOffPath}}" }
              }],
              "tiers": { "release": { "requires": ["redTeam", "signOff"] } },
              "trustedKeys": [ {{trustedKeyJson}} ],
              "riskAcceptance": { "fourEyes": true, "maxExceptionDays": 180, "records": ["governance/exceptions/*.json"] }
            }
            """);
    }

    public string Root => root;

    public void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(root, relative));

    /// <summary>Runs the gate as the MSBuild task would; with <paramref name="portal"/>, asking that portal.</summary>
    public GateResult Evaluate(PortalGovernance? portal = null) => EvidenceGate.Evaluate(new GateRequest
    {
        ProjectPath = Path.Combine(root, "src/Support/Support.csproj"),
        PolicyPath = Path.Combine(root, "shiftleft.json"),
        Now = TestClock.Start.AddDays(1),
        Commit = "0123abcd",
        Portal = portal,
    });

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
