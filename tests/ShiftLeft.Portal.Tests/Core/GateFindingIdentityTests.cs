using System.Text;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Build.Publishing;
using ShiftLeft.Build.Report;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// The gate's findings contract, end to end in process: the real gate (ShiftLeft.Build) checks a throwaway repository
/// whose policy declares a model card and a red team that do not exist (two SL1001), the real SarifComposer turns its
/// evidence report into the log a build publishes, and the portal ingests it. The second build's gate words its
/// messages differently and the policy lists the model card on another line: the gate findings' identity key
/// (result.properties.customProperties.ShiftLeftIdentity) keeps both findings and their triage.
/// </summary>
public sealed class GateFindingIdentityTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private const string Policy = """
        {
          "systems": [{
            "name": "support-assistant", "owner": "team-support", "riskTier": "release",
            "projects": ["src/Support/*.csproj"],
            "evidence": {
              "modelCard": "docs/model-card.md",
              "redTeam": "eval/redteam.json"
            }
          }],
          "tiers": { "release": { "requires": ["modelCard", "redTeam"] } }
        }
        """;

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_reworded_gate_message_and_a_moved_policy_entry_keep_the_finding_and_its_triage(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/gate-identity";
        using var repository = new GateRepository("{}");
        var (first, second) = Builds(repository);

        var before = await portal.IngestBytesAsync(repo, "g1", first);
        Assert.Equal(2, before.New);
        await using var db = portal.Db();
        var findings = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == before.RepositoryId).ToListAsync();
        var card = Assert.Single(findings, f => f.Message.Contains("docs/model-card.md", StringComparison.Ordinal));
        var redTeam = Assert.Single(findings, f => f.Message.Contains("eval/redteam.json", StringComparison.Ordinal));
        Assert.Equal(("SL1001", "shiftleft.json", 6), (card.RuleId, card.Path, card.StartLine));
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(card.Id,
            TriageCommand.Dismiss(DismissReason.WontFix, "The vendor's model card is linked from the wiki"), CorePortal.Triager));
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(redTeam.Id,
            TriageCommand.AcceptRisk(TestClock.StartUtc.AddDays(30), "External red team booked"), CorePortal.Triager));
        var request = await db.RiskAcceptances.AsNoTracking().Where(r => r.FindingId == redTeam.Id).SingleAsync();
        await portal.WithAsync<ShiftLeft.Portal.Core.Services.Governance.IRiskAcceptanceService, ShiftLeft.Portal.Core.Services.Governance.RiskAcceptanceDto>(
            s => s.ApproveAsync(request.Id, null, CorePortal.Approver));

        var after = await portal.IngestBytesAsync(repo, "g2", second);

        Assert.Equal((0, 2, 0), (after.New, after.Unchanged, after.Fixed));
        var stored = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == before.RepositoryId).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal((TriageStatus.WontFix, false), stored.Where(f => f.Id == card.Id).Select(f => (f.Triage, f.IsOpen)).Single());
        Assert.Equal(TriageStatus.AcceptedRisk, stored.Single(f => f.Id == redTeam.Id).Triage);
        var occurrence = await db.FindingOccurrences.AsNoTracking().Where(o => o.FindingId == card.Id && o.RunId == after.RunId).SingleAsync();
        Assert.Equal(7, occurrence.StartLine);
    }

    /// <summary>The same two builds' logs without the key: the portal falls back to the message, and both findings are new.</summary>
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Without_the_key_a_reworded_gate_message_makes_every_gate_finding_new(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/gate-identity-less";
        using var repository = new GateRepository("{}");
        var (first, second) = Builds(repository);

        var before = await portal.IngestBytesAsync(repo, "g1", FindingIdentityTests.WithoutIdentity(first));
        var after = await portal.IngestBytesAsync(repo, "g2", FindingIdentityTests.WithoutIdentity(second));

        Assert.Equal(2, before.New);
        Assert.Equal((2, 0, 2), (after.New, after.Unchanged, after.Fixed));
    }

    /// <summary>
    /// The logs two builds publish: the gate's report of the repository composed as the publisher composes it; then the
    /// model card's entry moved below the red team's and the report worded as another gate version would word it.
    /// </summary>
    private static (byte[] First, byte[] Second) Builds(GateRepository repository)
    {
        repository.Write("shiftleft.json", Policy);
        var first = Composed(repository, Report(repository));
        repository.Write("shiftleft.json", Policy.Replace(
            "\"modelCard\": \"docs/model-card.md\",\n      \"redTeam\": \"eval/redteam.json\"",
            "\"redTeam\": \"eval/redteam.json\",\n      \"modelCard\": \"docs/model-card.md\"", StringComparison.Ordinal));
        var reworded = Report(repository).Replace("requires evidence", "needs the evidence", StringComparison.Ordinal)
            .Replace("does not exist. Create it", "is nowhere to be found; create it", StringComparison.Ordinal);
        return (first, Composed(repository, reworded));
    }

    private static string Report(GateRepository repository)
    {
        var result = repository.Evaluate();
        Assert.Equal(["SL1001", "SL1001"], result.Diagnostics.Select(d => d.Code));
        return Encoding.UTF8.GetString(EvidenceReportWriter.Serialize(result.Report!));
    }

    private static byte[] Composed(GateRepository repository, string report)
    {
        repository.Write("obj/shiftleft-evidence.json", report);
        var composer = new SarifComposer(new PublishSettings(), repository.Root, "shiftleft/support", "0.1.0");
        composer.AddEvidenceReport(Path.Combine(repository.Root, "obj/shiftleft-evidence.json"), repository.Root);
        Assert.Empty(composer.Problems);
        return Encoding.UTF8.GetBytes(composer.Compose().ToJsonString());
    }
}
