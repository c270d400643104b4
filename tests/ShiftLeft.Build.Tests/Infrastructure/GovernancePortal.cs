using System.Net;
using System.Text;

namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>One governance lookup a gate sent to <see cref="GovernancePortal"/>.</summary>
public sealed record GovernanceRequest(string Path, string Query, string? Authorization);

/// <summary>
/// The portal's three governance lookups on loopback (HttpListener on 127.0.0.1, a free port), answering what a test
/// sets per route: a body (200), 404, or no answer at all (to prove the gate's timeout). The answers are the records
/// a <see cref="PortalSigner"/> exports; the portal's own routes and signing are proven against the real portal in
/// tests/ShiftLeft.Portal.Tests/Governance/OnlineGateTests.
/// </summary>
public sealed class GovernancePortal : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string?> _answers = new(StringComparer.Ordinal);
    private readonly List<GovernanceRequest> _requests = [];
    private readonly CancellationTokenSource _stop = new();

    public GovernancePortal()
    {
        Url = $"http://127.0.0.1:{CapturingPortal.FreePort()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>When set, every request is held open without an answer until the portal is disposed.</summary>
    public bool Silent { get; set; }

    public IReadOnlyList<GovernanceRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Answers GET /api/v1/governance/<paramref name="lookup"/> with <paramref name="body"/> (200), or 404 when null.</summary>
    public GovernancePortal Answer(string lookup, string? body)
    {
        lock (_answers)
        {
            _answers[lookup] = body;
        }

        return this;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (_requests)
            {
                _requests.Add(new GovernanceRequest(path, context.Request.Url.Query, context.Request.Headers["Authorization"]));
            }

            if (Silent)
            {
                _ = Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => context.Response.Abort(), TaskScheduler.Default);
                continue;
            }

            string? body;
            bool known;
            lock (_answers)
            {
                known = _answers.TryGetValue(path.Replace("/api/v1/governance/", string.Empty, StringComparison.Ordinal), out body);
            }

            context.Response.StatusCode = known && body is not null ? 200 : 404;
            var bytes = Encoding.UTF8.GetBytes(body ?? "{\"title\":\"Not Found\",\"status\":404}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
