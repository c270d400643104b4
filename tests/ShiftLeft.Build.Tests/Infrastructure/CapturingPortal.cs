using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>One request a build sent to <see cref="CapturingPortal"/>.</summary>
public sealed record CapturedUpload(string Method, string Path, string? Authorization, string ContentType, byte[] Body);

/// <summary>
/// A stand-in portal on loopback (HttpListener on 127.0.0.1, a free port) for the publishing build tests: it keeps
/// every upload and accepts it as the real portal's POST /api/v1/runs would, and answers the gate's governance
/// lookups 404 (no records, no baseline). The end-to-end tests use the
/// real portal.
/// </summary>
public sealed class CapturingPortal : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<CapturedUpload> _uploads = [];
    private readonly List<string> _lookups = [];
    private readonly Task _serving;

    public CapturingPortal()
    {
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url { get; }

    public IReadOnlyList<CapturedUpload> Uploads
    {
        get
        {
            lock (_uploads)
            {
                return _uploads.ToList();
            }
        }
    }

    /// <summary>The paths of the gate's governance lookups (answered 404), in order.</summary>
    public IReadOnlyList<string> Lookups
    {
        get
        {
            lock (_uploads)
            {
                return _lookups.ToList();
            }
        }
    }

    /// <summary>A loopback port nothing listens on (for unreachable-portal tests).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
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

            if (context.Request.HttpMethod == "GET" && context.Request.Url!.AbsolutePath.StartsWith("/api/v1/governance/", StringComparison.Ordinal))
            {
                // The gate's governance lookups: this portal has none of the system's records, as a new portal would.
                lock (_uploads)
                {
                    _lookups.Add(context.Request.Url.AbsolutePath);
                }

                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            int runId;
            lock (_uploads)
            {
                _uploads.Add(new CapturedUpload(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.ContentType ?? "", body.ToArray()));
                runId = _uploads.Count;
            }

            var answer = Encoding.UTF8.GetBytes($$"""{ "runId": {{runId}}, "repository": "captured", "replayed": false, "results": 0, "new": 0, "fixed": 0, "openAfter": 0, "gatePassed": null }""");
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
