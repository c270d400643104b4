using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>Ingests REAL compiler output (TestData/compiler.sarif, see TestData/README.md) on both providers.</summary>
public sealed class CompilerSarifTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private static byte[] CompilerSarif => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "compiler.sarif"));

    /// <summary>
    /// ShiftLeft.Build's publisher adds a run of its own (the gate's diagnostics) after the compiler's: the second run's
    /// tool name must be read like the first's, not skipped because the log already has a tool.
    /// </summary>
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_log_with_a_second_run_is_stored_whole(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var log = System.Text.Json.Nodes.JsonNode.Parse(CompilerSarif)!;
        log["runs"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "tool": { "driver": { "name": "ShiftLeft.Build", "version": "0.1.0", "rules": [] } }, "results": [], "columnKind": "utf16CodeUnits" }
            """));

        var result = await portal.IngestBytesAsync("contoso/two-runs", "c0ffee2", System.Text.Encoding.UTF8.GetBytes(log.ToJsonString()));

        Assert.Equal(9, result.Results);
        await using var db = portal.Db();
        Assert.Equal("Microsoft (R) Visual C# Compiler", (await db.Runs.SingleAsync(r => r.Id == result.RunId)).ToolName);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Real_compiler_log_is_stored_with_relative_paths_severities_and_suppressions(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var result = await portal.IngestBytesAsync("contoso/sarif-fixture", "c0ffee1", CompilerSarif);

        Assert.Equal(9, result.Results);
        Assert.Equal(7, result.New);
        Assert.Equal(2, result.Suppressed);
        Assert.Equal(7, result.OpenAfter);
        Assert.Empty(result.Warnings);

        await using var db = portal.Db();
        var findings = await db.Findings.Where(f => f.RepositoryId == result.RepositoryId).OrderBy(f => f.StartLine).ToListAsync();
        Assert.Equal(9, findings.Count);
        Assert.All(findings, f => Assert.Equal("Chat.cs", f.Path));
        Assert.All(findings, f => Assert.Matches("^[0-9a-f]{32}$", f.Fingerprint));
        Assert.Equal(9, findings.Select(f => f.Fingerprint).Distinct().Count());

        var pragma = Assert.Single(findings, f => f.StartLine == 16);
        Assert.Equal("CS8602", pragma.RuleId);
        Assert.True(pragma.IsSuppressed);
        Assert.Equal("Pragma Directive", pragma.SuppressionKind);
        Assert.False(pragma.IsOpen);

        var attribute = Assert.Single(findings, f => f.StartLine == 21);
        Assert.Equal("CA1822", attribute.RuleId);
        Assert.True(attribute.IsSuppressed);
        Assert.Equal("SuppressMessageAttribute", attribute.SuppressionKind);
        Assert.Equal("Instance API kept for callers", attribute.SuppressionJustification);
        Assert.Equal(FindingSeverity.Note, attribute.Severity);

        var unused = Assert.Single(findings, f => f.StartLine == 9);
        Assert.Equal("CS0168", unused.RuleId);
        Assert.Equal(FindingSeverity.Warning, unused.Severity);
        Assert.Equal("The variable 'unused' is declared but never used", unused.Message);
        Assert.Equal(13, unused.StartColumn);

        var run = await db.Runs.SingleAsync(r => r.Id == result.RunId);
        Assert.Equal("Microsoft (R) Visual C# Compiler", run.ToolName);
        var rule = await db.Rules.SingleAsync(r => r.Id == "CS8602");
        Assert.Equal("Dereference of a possibly null reference", rule.Title?.TrimEnd('.'));
        Assert.False(await db.Rules.AnyAsync(r => r.Id == "CS0001"), "only rules with results are kept from the compiler's 300+ descriptors");
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Source_root_makes_paths_relative_and_without_it_a_warning_says_so(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var withRoot = await portal.IngestBytesAsync("contoso/unrelated-name", "c0ffee2", CompilerSarif, sourceRoot: "/tmp/sarif-fixture/");
        Assert.Empty(withRoot.Warnings);
        var without = await portal.IngestBytesAsync("contoso/other-name", "c0ffee3", CompilerSarif);
        Assert.Contains(without.Warnings, w => w.Contains("sourceRoot", StringComparison.Ordinal));

        await using var db = portal.Db();
        Assert.All(await db.Findings.Where(f => f.RepositoryId == withRoot.RepositoryId).ToListAsync(), f => Assert.Equal("Chat.cs", f.Path));
        Assert.All(await db.Findings.Where(f => f.RepositoryId == without.RepositoryId).ToListAsync(), f => Assert.Equal("tmp/sarif-fixture/Chat.cs", f.Path));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Real_compiler_log_after_lines_are_inserted_above_every_finding_keeps_every_identity(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var first = await portal.IngestBytesAsync("contoso/moved", "aaa111", CompilerSarif, sourceRoot: "/tmp/sarif-fixture");
        // Three lines inserted at the top of Chat.cs: every region moves down by 3.
        var moved = System.Text.Encoding.UTF8.GetString(CompilerSarif);
        moved = System.Text.RegularExpressions.Regex.Replace(moved, "\"(startLine|endLine)\": (\\d+)",
            m => $"\"{m.Groups[1].Value}\": {int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 3}");
        var second = await portal.IngestBytesAsync("contoso/moved", "bbb222", System.Text.Encoding.UTF8.GetBytes(moved), sourceRoot: "/tmp/sarif-fixture");

        Assert.Equal(7, first.New);
        Assert.Equal(0, second.New);
        Assert.Equal(0, second.Fixed);
        Assert.Equal(7, second.Unchanged);
        Assert.Equal(2, second.Suppressed);
        await using var db = portal.Db();
        var lines = await db.Findings.Where(f => f.RepositoryId == second.RepositoryId).Select(f => f.StartLine).OrderBy(l => l).ToListAsync();
        Assert.Equal([10, 12, 13, 16, 19, 24, 26, 29, 32], lines);
    }
}
