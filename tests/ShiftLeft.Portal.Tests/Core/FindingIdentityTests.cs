using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// The findings contract on REAL compiler output (TestData/identity, see TestData/README.md): two builds of one project
/// with the ShiftLeft analyzers, the second with SL0001's message reworded (an audit method configured), the model call
/// moved to another file and split over two lines, and the logged e-mail five lines higher. The analyzers' identity key
/// (result.properties.customProperties.ShiftLeftIdentity) keeps every finding and its triage; the rules' taxonomy tags
/// give the OWASP category.
/// </summary>
public sealed class FindingIdentityTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private static byte[] Log(string version) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "identity", $"shiftleft-{version}.sarif"));

    private static string Root(string version) => $"/tmp/identity-fixture-build/{version}";

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_reworded_message_and_a_moved_method_keep_the_finding_and_its_triage(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/identity";
        var first = await portal.IngestBytesAsync(repo, "v1", Log("v1"), sourceRoot: Root("v1"));
        Assert.Equal(3, first.New);

        await using var db = portal.Db();
        var findings = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == first.RepositoryId).ToListAsync();
        var audit = Assert.Single(findings, f => f.RuleId == "SL0001");
        var guard = Assert.Single(findings, f => f.RuleId == "SL0002");
        var log = Assert.Single(findings, f => f.RuleId == "SL0003");
        Assert.Equal(("Assistant.cs", 10), (audit.Path, audit.StartLine));
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(audit.Id,
            TriageCommand.AcceptRisk(TestClock.StartUtc.AddDays(30), "The gateway logs every call"), CorePortal.Triager));
        var request = await db.RiskAcceptances.AsNoTracking().Where(r => r.FindingId == audit.Id).SingleAsync();
        await portal.WithAsync<ShiftLeft.Portal.Core.Services.Governance.IRiskAcceptanceService, ShiftLeft.Portal.Core.Services.Governance.RiskAcceptanceDto>(
            s => s.ApproveAsync(request.Id, null, CorePortal.Approver));
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(log.Id,
            TriageCommand.Dismiss(DismissReason.UsedInTests, "Greeting only runs in the test host"), CorePortal.Triager));

        var second = await portal.IngestBytesAsync(repo, "v2", Log("v2"), sourceRoot: Root("v2"));

        Assert.Equal((0, 3, 0), (second.New, second.Unchanged, second.Fixed));
        Assert.Equal(1, second.OpenAfter);
        var after = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == first.RepositoryId).ToListAsync();
        Assert.Equal(3, after.Count);
        var auditAfter = Assert.Single(after, f => f.Id == audit.Id);
        Assert.Equal(TriageStatus.AcceptedRisk, auditAfter.Triage);
        // The row shows what the latest build says: the file the call moved to, its new extent, the reworded message.
        Assert.Equal(("Assistant.Answers.cs", 10, 11, 22), (auditAfter.Path, auditAfter.StartLine, auditAfter.EndLine, auditAfter.EndColumn));
        Assert.NotEqual(audit.Message, auditAfter.Message);
        Assert.StartsWith("Model call 'ChatClientExtensions.GetResponseAsync' is not audit-logged", auditAfter.Message, StringComparison.Ordinal);
        Assert.Equal(("Assistant.cs", 11), after.Where(f => f.Id == log.Id).Select(f => (f.Path, f.StartLine)).Single());
        Assert.Equal((TriageStatus.UsedInTests, false), after.Where(f => f.Id == log.Id).Select(f => (f.Triage, f.IsOpen)).Single());
        Assert.True(after.Single(f => f.Id == guard.Id).IsOpen);
        var occurrence = await db.FindingOccurrences.AsNoTracking().Where(o => o.FindingId == audit.Id && o.RunId == second.RunId).SingleAsync();
        Assert.Equal(10, occurrence.StartLine);
    }

    /// <summary>The same two logs without the identity key: the message and the file decide, and the triage is lost — what the key is for.</summary>
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Without_the_identity_key_the_reworded_and_moved_findings_are_new(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        const string repo = "contoso/identity-less";
        var first = await portal.IngestBytesAsync(repo, "v1", WithoutIdentity(Log("v1")), sourceRoot: Root("v1"));
        var second = await portal.IngestBytesAsync(repo, "v2", WithoutIdentity(Log("v2")), sourceRoot: Root("v2"));

        Assert.Equal(3, first.New);
        // SL0001 (reworded, moved) and SL0002 (moved to Assistant.Answers.cs) re-key; SL0003 kept its file and message.
        Assert.Equal((2, 1, 2), (second.New, second.Unchanged, second.Fixed));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_owasp_category_comes_from_the_rules_tags_in_the_log(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var result = await portal.IngestBytesAsync("contoso/taxonomy", "v1", Log("v1"), sourceRoot: Root("v1"));

        await using var db = portal.Db();
        var categories = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == result.RepositoryId)
            .ToDictionaryAsync(f => f.RuleId, f => f.OwaspCategory);
        Assert.Equal(new Dictionary<string, string?> { ["SL0001"] = null, ["SL0002"] = "LLM01", ["SL0003"] = "LLM02" }, categories);
        var rules = await db.Rules.AsNoTracking().Where(r => r.Id.StartsWith("SL")).ToDictionaryAsync(r => r.Id, r => r.OwaspCategory);
        Assert.Equal("LLM01", rules["SL0002"]);
        Assert.Null(rules["SL0001"]);

        // A log whose SL0002 descriptor says LLM05 first recategorises the rule and its stored findings.
        var retagged = JsonNode.Parse(Log("v1"))!;
        var sl0002 = retagged["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().Single(r => (string?)r!["id"] == "SL0002")!;
        sl0002["properties"]!["tags"] = new JsonArray("security", "external/owasp-llm-2025/LLM05", "external/owasp-llm-2025/LLM01");
        await portal.IngestBytesAsync("contoso/taxonomy", "v1-retagged", System.Text.Encoding.UTF8.GetBytes(retagged.ToJsonString()), sourceRoot: Root("v1"));
        Assert.Equal("LLM05", await db.Findings.AsNoTracking().Where(f => f.RepositoryId == result.RepositoryId && f.RuleId == "SL0002").Select(f => f.OwaspCategory).SingleAsync());
        Assert.Equal("LLM05", await db.Rules.AsNoTracking().Where(r => r.Id == "SL0002").Select(r => r.OwaspCategory).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_configured_category_overrides_the_log(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var portal = await CorePortal.CreateAsync(database, new Dictionary<string, string?> { ["Portal:OwaspCategories:SL0003"] = "LLM07" });
        var result = await portal.IngestBytesAsync("contoso/override", "v1", Log("v1"), sourceRoot: Root("v1"));

        await using var db = portal.Db();
        Assert.Equal("LLM07", await db.Findings.AsNoTracking().Where(f => f.RepositoryId == result.RepositoryId && f.RuleId == "SL0003").Select(f => f.OwaspCategory).SingleAsync());
    }

    /// <summary>The log with the results of its first run stripped of their properties, identity key included.</summary>
    internal static byte[] WithoutIdentity(byte[] sarif)
    {
        var log = JsonNode.Parse(sarif)!;
        foreach (var result in log["runs"]![0]!["results"]!.AsArray())
        {
            result!.AsObject().Remove("properties");
        }

        return System.Text.Encoding.UTF8.GetBytes(log.ToJsonString());
    }
}
