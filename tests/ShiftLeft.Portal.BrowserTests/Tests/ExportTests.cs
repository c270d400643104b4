using System.IO.Compression;
using System.Text.Json;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

[Collection(PortalCollection.Name)]
public sealed class ExportTests(PortalFixture fixture)
{
    private ExpectedFinding[] OpenErrors() =>
        fixture.Seed.Current.Where(f => !f.Suppressed && !fixture.Ledger.IsClosed(f) && f.Level == "error").ToArray();

    [Fact]
    public async Task Csv_json_and_sarif_exports_contain_exactly_the_filtered_findings()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("findings");
        await session.PickAsync("filter-severity", "Error");
        await session.ClosePopoversAsync();
        var errors = OpenErrors();
        await Grid.WaitForTotalAsync(page, errors.Length);

        var csv = await DownloadAsync(session, "export-csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(errors.Length + 1, lines.Length); // header + one line per finding
        foreach (var error in errors)
            Assert.Contains(lines, l => l.Contains(error.RuleId, StringComparison.Ordinal) && l.Contains(error.RelativePath, StringComparison.Ordinal));

        using (var json = JsonDocument.Parse(await DownloadAsync(session, "export-json")))
        {
            var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("findings");
            Assert.Equal(errors.Length, items.GetArrayLength());
        }

        using (var sarif = JsonDocument.Parse(await DownloadAsync(session, "export-sarif")))
        {
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results");
            Assert.Equal(errors.Length, results.GetArrayLength());
            foreach (var result in results.EnumerateArray())
            {
                var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                Assert.StartsWith("src/", uri, StringComparison.Ordinal);
                Assert.True(result.TryGetProperty("partialFingerprints", out _), "exported SARIF carries the portal's fingerprints");
            }
        }
    }

    [Fact]
    public async Task Audit_evidence_package_is_a_zip_with_a_manifest_and_the_evidence_report()
    {
        await using var session = await fixture.OpenAsync(PortalFixture.ViewerEmail);
        var page = session.Page;
        await session.GoAsync("ai-systems");
        await page.Locator("[data-testid=ai-system-name]").Filter(new() { HasText = "support-assistant" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ai-systems/", StringComparison.Ordinal));
        await PortalSession.WaitInteractiveAsync(page);
        await session.ScreenshotAsync("ai-system-detail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=audit-package]"));
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("manifest.json", names);
        Assert.Contains(names, n => n.Contains("evidence", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".json", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Contains("support-assistant", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<string> DownloadAsync(PortalSession session, string menuItem)
    {
        var page = session.Page;
        await page.ClickAsync("[data-testid=export-menu] button");
        var item = page.Locator($"[data-testid={menuItem}]");
        var href = await item.GetAttributeAsync("href");
        var download = await page.RunAndWaitForDownloadAsync(() => item.ClickAsync());
        if (await download.FailureAsync() is { } failure)
        {
            // Say why: the portal's own log of the failed request.
            var errors = fixture.Portal.Console.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal));
            Assert.Fail($"Download of {href} failed ({failure}). Portal errors:\n{string.Join("\n", errors.TakeLast(10))}");
        }
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
