using System.Text;
using System.Text.Json.Nodes;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// What an upload says about a rule (title, help link, category) cannot reach beyond its repository: ShiftLeft's rules
/// are described by the portal's catalogue whatever an upload claims, and another tool's rule is described, shown and
/// exported with each repository's own findings by that repository's own uploads.
/// </summary>
public sealed class RuleMetadataIsolationTests(BothProviders providers) : IClassFixture<BothProviders>
{
    /// <summary>The published page of SL0001 (ShiftLeft.DocumentationLinks, read back from the catalogue and checked for its shape).</summary>
    private static readonly string CatalogueHelp = ShiftLeft.Portal.Core.Domain.RuleDocumentation.Describe("SL0001")!.HelpUri!;

    [Fact]
    public void The_catalogue_help_link_is_the_published_rule_page() => Assert.EndsWith("/rules/SL0001.html", CatalogueHelp, StringComparison.Ordinal);

    private static byte[] Log(string repositoryFolder, string sl0001Title, string cs8602Title, string helpHost) => Encoding.UTF8.GetBytes($$$$"""
        {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Microsoft (R) Visual C# Compiler","rules":[
          {"id":"SL0001","shortDescription":{"text":"{{{{sl0001Title}}}}"},"helpUri":"https://{{{{helpHost}}}}/SL0001","properties":{"category":"Hijacked"}},
          {"id":"CS8602","shortDescription":{"text":"{{{{cs8602Title}}}}"},"helpUri":"https://{{{{helpHost}}}}/CS8602","properties":{"category":"Compiler {{{{helpHost}}}}"}}]}},
         "results":[
          {"ruleId":"SL0001","level":"warning","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///w/{{{{repositoryFolder}}}}/src/z.cs"},"region":{"startLine":3}}}]},
          {"ruleId":"CS8602","level":"warning","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///w/{{{{repositoryFolder}}}}/src/z.cs"},"region":{"startLine":4}}}]}]}]}
        """);

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task One_repository_upload_cannot_rewrite_what_another_repository_shows_or_exports_about_a_rule(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var victim = await portal.IngestBytesAsync("contoso/victim", "v1", Log("victim", "Honest SL title", "Possible null dereference", "learn.example"));
        var evil = await portal.IngestBytesAsync("evil/hijack", "e1", Log("hijack", "SESSION EXPIRED - re-enter your password at https://evil.example/login",
            "Overwritten compiler rule title", "evil.example"));

        async Task<FindingDetailDto> DetailAsync(long repositoryId, string rule)
        {
            var page = await portal.WithAsync<IFindingQueryService, PagedResult<FindingListItemDto>>(s =>
                s.SearchAsync(new FindingFilter { RepositoryId = repositoryId, RuleIds = [rule] }, new FindingPageRequest(1, 10)));
            return (await portal.WithAsync<IFindingQueryService, FindingDetailDto?>(s => s.GetAsync(page.Items.Single().Id)))!;
        }

        // ShiftLeft's rule: the catalogue, in every repository, whatever either upload claimed.
        foreach (var repositoryId in new[] { victim.RepositoryId, evil.RepositoryId })
        {
            var sl = await DetailAsync(repositoryId, "SL0001");
            Assert.Equal("Model call is not audit-logged", sl.RuleTitle);
            Assert.Equal(CatalogueHelp, sl.RuleHelpUri);
        }

        // Another tool's rule: each repository's own description.
        var victimCs = await DetailAsync(victim.RepositoryId, "CS8602");
        Assert.Equal("Possible null dereference", victimCs.RuleTitle);
        Assert.Equal("https://learn.example/CS8602", victimCs.RuleHelpUri);
        Assert.Equal("Overwritten compiler rule title", (await DetailAsync(evil.RepositoryId, "CS8602")).RuleTitle);

        // The rule page: per repository; without one, no uploaded words at all.
        var victimRule = await portal.WithAsync<IFindingQueryService, RuleInfoDto?>(s => s.GetRuleAsync("CS8602", victim.RepositoryId));
        Assert.Equal(("Possible null dereference", "https://learn.example/CS8602", "Compiler learn.example"), (victimRule!.Title, victimRule.HelpUri, victimRule.Category));
        var anyRule = await portal.WithAsync<IFindingQueryService, RuleInfoDto?>(s => s.GetRuleAsync("CS8602"));
        Assert.Equal((null, null, null), (anyRule!.Title, anyRule.HelpUri, anyRule.Category));
        var slRule = await portal.WithAsync<IFindingQueryService, RuleInfoDto?>(s => s.GetRuleAsync("SL0001", evil.RepositoryId));
        Assert.Equal(("Model call is not audit-logged", "Accountability"), (slRule!.Title, slRule.Category));

        // The auditor's SARIF export of the victim: its own words and the catalogue's.
        var victimRules = await ExportedRulesAsync(portal, new FindingFilter { RepositoryId = victim.RepositoryId });
        Assert.Equal(("Model call is not audit-logged", CatalogueHelp), victimRules["SL0001"]);
        Assert.Equal(("Possible null dereference", "https://learn.example/CS8602"), victimRules["CS8602"]);
        // Across both repositories, where they disagree about a rule, neither description is declared.
        var allRules = await ExportedRulesAsync(portal, new FindingFilter());
        Assert.Equal(("Model call is not audit-logged", CatalogueHelp), allRules["SL0001"]);
        Assert.Equal((null, null), allRules["CS8602"]);
    }

    private static async Task<Dictionary<string, (string?, string?)>> ExportedRulesAsync(CorePortal portal, FindingFilter filter)
    {
        using var output = new MemoryStream();
        await portal.WithAsync<IExportService>(s => s.WriteOpenFindingsSarifAsync(filter, output));
        var rules = JsonNode.Parse(output.ToArray())!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        return rules.ToDictionary(r => r!["id"]!.GetValue<string>(),
            r => (r!["shortDescription"]?["text"]?.GetValue<string>(), r["helpUri"]?.GetValue<string>()));
    }
}
