using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Report;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Governance;

/// <summary>
/// The evidence gate asking the real portal online (Kestrel, both providers, a real repository-scoped ingestion
/// token), with no record committed: the exception approved in the portal waives the red team, the evidence signed
/// off in the portal passes the gate, a relay that alters one byte of the portal's answer is refused (SL1010), and a
/// portal that is down fails the required sign-off naming the cause.
/// </summary>
public sealed class OnlineGateTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_gate_verifies_what_the_portal_answers_and_refuses_an_altered_answer(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var repo = $"contoso/online-{provider}".ToLowerInvariant();
        var token = await server.CreateTokenAsync(false, repo);
        var key = await server.WithAsync(s => s.GetRequiredService<ISigningKeyService>().GetPublicKeyAsync());
        using var repository = new GateRepository(key.TrustedKeyJson);
        using var online = new PortalGovernance(server.Address, token, repo, TimeSpan.FromSeconds(30));

        // 1. Nothing in the portal yet: the red team is missing and the portal has no sign-off of this evidence.
        var first = repository.Evaluate(online);
        Assert.Equal([RuleIds.ArtifactMissing, RuleIds.SignatureInvalid], first.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).Select(d => d.Code).Order());
        Assert.Contains("/api/v1/governance/sign-off) has no sign-off of this evidence either.", first.Diagnostics.Single(d => d.Code == RuleIds.SignatureInvalid).Message, StringComparison.Ordinal);
        var systemId = await UploadAsync(server, token, repo, first, "o1");

        // 2. Four eyes in the portal; the gate reads the approved exception online.
        await server.WithAsync(async s =>
        {
            var acceptances = s.GetRequiredService<IRiskAcceptanceService>();
            var requested = await acceptances.RequestExceptionAsync(new RequestExceptionCommand(systemId, "redTeam", "External red team booked for April", DateOnly.FromDateTime(TestClock.StartUtc.AddDays(60))), CorePortal.Triager);
            return await acceptances.ApproveAsync(requested.Id, "Booked", CorePortal.Approver);
        });
        var second = repository.Evaluate(online);
        Assert.Equal(RuleIds.SignatureInvalid, Assert.Single(second.Diagnostics, d => d.Level == DiagnosticLevel.Error).Code);
        var redTeam = second.Report!.Requirements.Single(r => r.Kind == "redTeam");
        Assert.Equal((RequirementStatus.Excepted, "triager@example.test", "approver@example.test"), (redTeam.Status, redTeam.Exception!.RequestedBy, redTeam.Exception.ApprovedBy));

        // 3. The approver signs off the report of this build in the portal: the gate passes with no committed record.
        await UploadAsync(server, token, repo, second, "o2");
        await server.WithAsync(async s =>
        {
            // The report of build o2, the newest.
            var report = (await s.GetRequiredService<IAiSystemService>().GetAsync(systemId))!.Reports.MaxBy(r => r.Id)!;
            return await s.GetRequiredService<ISignOffService>().SignAsync(systemId, report.Id, "Red team waived until April; evidence reviewed.", CorePortal.Approver);
        });
        var third = repository.Evaluate(online);
        Assert.True(third.Passed, string.Join("\n", third.Diagnostics));
        Assert.Equal(("signed", "approver@example.test", key.KeyId, second.Report.EvidenceSha256), (third.Report!.SignOff!.Status, third.Report.SignOff.Signer, third.Report.SignOff.KeyId, third.Report.SignOff.EvidenceSha256));
        Assert.False(File.Exists(Path.Combine(repository.Root, GateRepository.SignOffPath)));

        // 4. One byte of the sign-off altered on its way: refused.
        using (var relay = new AlteringRelay(server.Address, "sign-off", "evidence reviewed.", "evidence reviewee."))
        using (var altered = new PortalGovernance(relay.Address, token, repo, TimeSpan.FromSeconds(30)))
        {
            var refused = Assert.Single(repository.Evaluate(altered).Diagnostics, d => d.Level == DiagnosticLevel.Error);
            Assert.Equal(RuleIds.SignatureInvalid, refused.Code);
            Assert.Contains("does not match its signature", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1, relay.Altered);
        }

        // 5. The portal down: the required sign-off fails closed, naming the cause.
        using var down = new PortalGovernance(new Uri($"http://127.0.0.1:{FreePort()}"), token, repo, TimeSpan.FromSeconds(30));
        var offline = repository.Evaluate(down);
        var error = Assert.Single(offline.Diagnostics, d => d.Level == DiagnosticLevel.Error && d.Code == RuleIds.SignatureInvalid);
        Assert.Contains("The portal could not be asked whether this evidence is signed off", error.Message, StringComparison.Ordinal);
        Assert.Contains("the portal is unreachable", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> UploadAsync(PortalServer server, string token, string repo, GateResult result, string commit)
    {
        using var client = server.TokenClient(token);
        using var upload = await client.PostAsync("/api/v1/runs", Uploads.Multipart(repo, commit, null, EvidenceReportWriter.Serialize(result.Report!)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return await server.WithAsync(async s => (await s.GetRequiredService<IRepositoryService>().GetByNameAsync(repo))!.AiSystems.Single().Id);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Relays governance lookups to the portal (token included) and alters one text in the answers of one lookup.</summary>
    private sealed class AlteringRelay : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly HttpClient _client;

        public AlteringRelay(Uri portal, string lookup, string from, string to)
        {
            Address = new Uri($"http://127.0.0.1:{FreePort()}/");
            _client = new HttpClient { BaseAddress = portal };
            _listener.Prefixes.Add(Address.AbsoluteUri);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }

                    using var request = new HttpRequestMessage(HttpMethod.Get, context.Request.Url!.PathAndQuery);
                    request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers["Authorization"]);
                    using var response = await _client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (context.Request.Url.AbsolutePath.EndsWith("/" + lookup, StringComparison.Ordinal) && body.Contains(from, StringComparison.Ordinal))
                    {
                        body = body.Replace(from, to, StringComparison.Ordinal);
                        Interlocked.Increment(ref _altered);
                    }

                    context.Response.StatusCode = (int)response.StatusCode;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        private int _altered;

        public Uri Address { get; }

        public int Altered => Volatile.Read(ref _altered);

        public void Dispose()
        {
            _listener.Close();
            _client.Dispose();
        }
    }
}
