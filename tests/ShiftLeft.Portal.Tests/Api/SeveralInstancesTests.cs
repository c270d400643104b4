using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// Two real portal hosts (Kestrel, the whole Program) on one real PostgreSQL database, as behind a load balancer.
/// Nothing here waits for a time to pass: the hosts are started together, the sweeps are run together, and the clock
/// the portal reads is moved by the test.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static readonly string Password = PortalServer.Password;

    [Fact]
    public async Task Two_hosts_started_at_once_on_an_empty_database_both_come_up_and_one_setup_code_makes_one_admin()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        using var outputA = new StringWriter();
        using var outputB = new StringWriter();
        var starting = new[] { PortalServer.StartOnAsync(database, setupOutput: TextWriter.Synchronized(outputA)), PortalServer.StartOnAsync(database, setupOutput: TextWriter.Synchronized(outputB)) };
        await using var a = await starting[0];
        await using var b = await starting[1];

        foreach (var host in new[] { a, b })
        {
            using var client = await host.ClientAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        // One instance issued the code; the other left it alone and said so, instead of invalidating the printed link.
        var printed = new[] { outputA.ToString(), outputB.ToString() };
        var codes = printed.Select(p => System.Text.RegularExpressions.Regex.Match(p, @"/setup\?code=(?<code>[A-Za-z0-9_\-]+)")).Where(m => m.Success).ToList();
        Assert.True(codes.Count == 1, "printed: " + string.Join(" | ", printed));
        Assert.Single(printed, p => p.Contains("stays valid until", StringComparison.Ordinal));
        await using (var db = a.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext())
        {
            Assert.Equal(1, await db.AdminBootstrapCodes.CountAsync(c => c.RedeemedAt == null));
            Assert.Equal(PortalRoles.All.Count, await db.Roles.CountAsync());
        }

        // The same code redeemed on both instances at once: one admin, and a clear refusal for the other.
        var code = codes[0].Groups["code"].Value;
        await AssertOneAdminFromAsync(RedeemAsync(a, code, "ada"), RedeemAsync(b, code, "bob"), "wrong, used or expired");
        Assert.Equal(1, await AdminCountAsync(b));
    }

    [Fact]
    public async Task Two_valid_setup_codes_redeemed_on_two_hosts_at_once_make_one_admin()
    {
        // What two instances of an earlier build left behind: two codes, both valid. Check-and-create under the lock
        // still lets only one of them through.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        await using var a = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        await using var b = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        var codes = new[] { SecretHasher.RandomUrlSafe(24), SecretHasher.RandomUrlSafe(24) };
        await using (var db = a.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext())
        {
            await db.AdminBootstrapCodes.ExecuteDeleteAsync();
            foreach (var c in codes)
                db.AdminBootstrapCodes.Add(new AdminBootstrapCode { CodeHash = SecretHasher.Hash(c), CreatedAt = TestClock.StartUtc, ExpiresAt = TestClock.StartUtc.AddHours(24) });
            await db.SaveChangesAsync();
        }

        await AssertOneAdminFromAsync(RedeemAsync(a, codes[0], "ada"), RedeemAsync(b, codes[1], "bob"), "An administrator already exists");
        Assert.Equal(1, await AdminCountAsync(a));
    }

    [Fact]
    public async Task An_acceptance_expiring_while_two_hosts_run_is_reopened_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        var clock = new ManualClock(TestClock.Start);
        await using var a = await PortalServer.StartOnAsync(database, clock: clock, setupOutput: TextWriter.Null);
        await using var b = await PortalServer.StartOnAsync(database, clock: clock, setupOutput: TextWriter.Null);
        const int count = 300;
        var token = await a.CreateTokenAsync(allRepositories: true);
        using (var uploader = b.TokenClient(token))
        {
            var sarif = SyntheticSarif.ToBytes(Enumerable.Range(0, count).Select(i => new SyntheticResult("SL0002", $"Call {i} without a guardrail", $"file:///w/risk/src/F{i % 7}.cs", i + 1)));
            Assert.Equal(HttpStatusCode.Created, (await uploader.PostAsync("/api/v1/runs", Uploads.Multipart("contoso/risk", "r1", sarif))).StatusCode);
        }

        var ids = await a.WithAsync(async sp => await sp.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext().Findings.Select(f => f.Id).ToListAsync());
        Assert.Equal(count, ids.Count);
        await a.WithAsync(sp => sp.GetRequiredService<ITriageService>().ApplyToManyAsync(ids,
            TriageCommand.AcceptRisk(TestClock.StartUtc.AddDays(7), "Compensating control"), CorePortal.Triager));
        // Four eyes: each request is approved by another person.
        var requests = await a.WithAsync(async sp => await sp.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext().RiskAcceptances.Select(r => r.Id).ToListAsync());
        Assert.Equal(count, requests.Count);
        foreach (var request in requests)
            await b.WithAsync(sp => sp.GetRequiredService<ShiftLeft.Portal.Core.Services.Governance.IRiskAcceptanceService>().ApproveAsync(request, null, CorePortal.Approver));

        clock.Advance(TimeSpan.FromDays(8));
        // Every instance's sweep at the same moment, several times over: together they reopen each finding once.
        var sweeps = Enumerable.Range(0, 4).SelectMany(_ => new[] { a, b })
            .Select(host => Task.Run(() => host.WithAsync(sp => sp.GetRequiredService<ITriageService>().ExpireAcceptedRisksAsync())));
        var reopened = await Task.WhenAll(sweeps);
        Assert.Equal(count, reopened.Sum());
        Assert.Equal(0, await b.WithAsync(sp => sp.GetRequiredService<ITriageService>().ExpireAcceptedRisksAsync()));

        await using var db = a.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext();
        Assert.Equal(count, await db.AuditLog.CountAsync(e => e.Action == AuditActions.FindingAcceptanceExpired));
        var current = await db.TriageDecisions.Where(t => t.IsCurrent).GroupBy(t => t.Fingerprint).Select(g => new { Count = g.Count(), Status = g.Max(t => t.Status) }).ToListAsync();
        Assert.Equal(count, current.Count);
        Assert.All(current, c => Assert.Equal((1, TriageStatus.None), (c.Count, c.Status)));
        Assert.Equal(count, await db.Findings.CountAsync(f => f.IsOpen && f.Triage == TriageStatus.None));
    }

    [Fact]
    public async Task The_schema_refuses_a_second_current_decision_for_one_finding()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        await using var portal = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        await using var db = portal.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext();
        TriageDecision Decision() => new()
        {
            RepositoryId = 1, Fingerprint = new string('a', 32), FindingId = 1, Status = TriageStatus.WontFix,
            DecidedById = "x", DecidedByName = "x", DecidedAt = TestClock.StartUtc, IsCurrent = true,
        };
        db.TriageDecisions.Add(Decision());
        await db.SaveChangesAsync();
        db.TriageDecisions.Add(Decision());
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("IX_TriageDecisions_OneCurrent", refused.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_split_across_two_hosts_stay_consistent()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        await using var a = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        await using var b = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        var token = await a.CreateTokenAsync(allRepositories: true);
        const string prefix = "contoso/split-";
        // 3 repositories × 3 commits, each sent to both hosts at once: commit k reports findings 50k … 50k+149, so the
        // commits overlap (unchanged), drop (fixed) and add (new) findings in whatever order the hosts take them.
        // Fingerprints read digits as 0: each finding's message names it in letters.
        static string Name(int i) => string.Concat(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('a' + c - '0')));
        static byte[] Commit(int k) => SyntheticSarif.ToBytes(Enumerable.Range(50 * k, 150)
            .Select(i => new SyntheticResult(i % 3 == 0 ? "SL0003" : "SL0002", $"Finding {Name(i)} without a guardrail", $"file:///agent/w/src/F{i % 13}.cs", i + 1, Suppressed: i % 10 == 0)));
        var uploads = (from repository in Enumerable.Range(0, 3)
                       from k in Enumerable.Range(0, 3)
                       from host in new[] { a, b }
                       select Task.Run(async () =>
                       {
                           using var client = host.TokenClient(token);
                           using var response = await client.PostAsync("/api/v1/runs", Uploads.Multipart(prefix + repository, "c" + k, Uploads.Gzip(Commit(k)), buildId: "b" + k));
                           return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                       })).ToList();
        var answers = await Task.WhenAll(uploads);
        Assert.All(answers, x => Assert.True(x.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, x.Body));
        Assert.Equal(9, answers.Count(x => x.StatusCode == HttpStatusCode.Created));

        await using var db = b.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext();
        var repositories = await db.Repositories.Where(r => r.Name.StartsWith(prefix)).Select(r => r.Id).ToListAsync();
        Assert.Equal(3, repositories.Count);
        foreach (var repository in repositories)
        {
            // No finding twice; every result of every run is one occurrence; a run's counts add up to its occurrences.
            Assert.Equal(250, await db.Findings.CountAsync(f => f.RepositoryId == repository));
            Assert.Equal(250, await db.Findings.Where(f => f.RepositoryId == repository).Select(f => f.Fingerprint).Distinct().CountAsync());
            var runs = await db.Runs.Where(r => r.RepositoryId == repository).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(3, runs.Count);
            foreach (var run in runs)
            {
                var occurrences = await db.FindingOccurrences.Where(o => o.RunId == run.Id).GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                Assert.Equal(150, run.ResultCount);
                Assert.Equal(run.ResultCount, occurrences.Where(o => o.Key != FindingState.Fixed).Sum(o => o.Count));
                Assert.Equal(run.FixedCount, occurrences.Where(o => o.Key == FindingState.Fixed).Sum(o => o.Count));
                Assert.Equal(run.ResultCount, run.NewCount + run.UnchangedCount + run.ReintroducedCount + run.SuppressedCount);
            }

            var head = runs[^1];
            Assert.Equal(head.OpenCountAfter, await db.Findings.CountAsync(f => f.RepositoryId == repository && f.IsOpen));
            Assert.Equal(135, head.OpenCountAfter); // the head's 150 results, less the 15 suppressed in source
        }
    }

    [Fact]
    public async Task Ready_answers_503_once_the_database_is_gone_while_live_still_answers_200()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        await using var portal = await PortalServer.StartOnAsync(database, setupOutput: TextWriter.Null);
        using var client = await portal.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await database.DisposeAsync(); // drops the database (FORCE: its connections are ended)

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task An_instance_that_does_not_migrate_waits_for_the_migrate_command()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        var waiting = PortalServer.StartOnAsync(database, new Dictionary<string, string?> { ["Portal:Database:MigrateOnStart"] = "false" }, setupOutput: TextWriter.Null);

        var services = new ServiceCollection().AddLogging().AddPortalCore(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build());
        await using (var provider = services.AddSingleton(TestClock.Create()).BuildServiceProvider())
        {
            using var error = new StringWriter();
            Assert.Equal(0, await ShiftLeft.Portal.Hosting.OperatorCommands.RunAsync(provider, ["migrate"], TextWriter.Null, error));
            Assert.Contains("migration", error.ToString(), StringComparison.Ordinal);
        }

        await using var portal = await waiting;
        using var client = await portal.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task With_a_certificate_the_shared_keys_are_encrypted_and_a_cookie_from_one_host_works_on_the_other()
    {
        var directory = Directory.CreateTempSubdirectory("shiftleft-keys-");
        try
        {
            using (var key = System.Security.Cryptography.RSA.Create(2048))
            {
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ShiftLeft portal keys", key,
                    System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(TestClock.Start.AddDays(-1), TestClock.Start.AddYears(5));
                await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "keys.pfx"), certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-secret"));
            }

            var settings = new Dictionary<string, string?>
            {
                ["Portal:DataProtection:CertificatePath"] = Path.Combine(directory.FullName, "keys.pfx"),
                ["Portal:DataProtection:CertificatePassword"] = "pfx-secret",
            };
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
            await using var a = await PortalServer.StartOnAsync(database, settings, setupOutput: TextWriter.Null);
            await using var b = await PortalServer.StartOnAsync(database, settings, setupOutput: TextWriter.Null);
            await a.CreateUsersAsync();

            // Cookies are per host name, not per port: the cookie A sets is sent to B as a browser behind a balancer sends it.
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false });
            using (var signIn = await browser.PostAsJsonAsync(new Uri(a.Address, "/api/v1/session"), new { email = "viewer@example.test", password = Password }))
                Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(b.Address, "/api/v1/overview"))).StatusCode);
            using (var anonymous = new HttpClient()) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(b.Address, "/api/v1/overview"))).StatusCode);

            await using var db = a.Services.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Both redemptions at once: one creates the admin, the other is refused with a 400 that says why.</summary>
    private static async Task AssertOneAdminFromAsync(Task<(HttpStatusCode, string)> first, Task<(HttpStatusCode, string)> second, string refusal)
    {
        var answers = await Task.WhenAll(first, second);
        Assert.Single(answers, x => x.Item1 == HttpStatusCode.Created);
        var refused = Assert.Single(answers, x => x.Item1 != HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Item1);
        Assert.Contains(refusal, refused.Item2, StringComparison.Ordinal);
    }

    private static Task<(HttpStatusCode, string)> RedeemAsync(PortalServer host, string code, string user) => Task.Run(async () =>
    {
        using var client = await host.ClientAsync();
        using var response = await client.PostAsJsonAsync("/api/v1/setup", new { code, email = user + "@example.test", password = Password });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    });

    private static Task<int> AdminCountAsync(PortalServer host) => host.WithAsync(async sp =>
    {
        await using var db = sp.GetRequiredService<ShiftLeft.Portal.Core.Data.PortalDatabase>().CreateDbContext();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == PortalRoles.Admin select ur).CountAsync();
    });
}
