using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>
/// A real portal process killed (SIGKILL) in the middle of an upload leaves the upload's spool file behind; the next
/// start removes it. No browser: the portal process and its console are what this project has.
/// </summary>
public sealed partial class SpoolCrashTests : IDisposable
{
    private readonly string spool = Directory.CreateTempSubdirectory("shiftleft-spool-crash-").FullName;

    [Fact]
    public async Task A_portal_killed_mid_upload_leaves_its_spool_file_and_the_next_start_removes_it()
    {
        var settings = new Dictionary<string, string> { ["Portal__Ingestion__SpoolDirectory"] = spool };
        string orphan;
        await using (var portal = await PortalProcess.StartAsync(TimeSpan.FromSeconds(90), settings))
        {
            using var http = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IngestionTokenAsync(portal));
            using var body = new TrickleStream(2 << 20);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/runs?repository=contoso/crash&commit=c1&branch=main&buildId=b1")
            {
                Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/sarif+json") } },
            };
            using var abandon = new CancellationTokenSource();
            var sending = http.SendAsync(request, abandon.Token);

            // Written to disk as it arrives (less what the file stream still buffers).
            orphan = await SpoolFileAsync(minimumBytes: 1 << 20);
            await portal.DisposeAsync(); // Process.Kill: SIGKILL, the process gets no chance to clean up
            // The client is still inside the endless body; it learns of the dead server only by writing, so stop it.
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => sending);
        }

        Assert.True(File.Exists(orphan), "the killed portal's spool file is gone already; the test proves nothing");
        await using (await PortalProcess.StartAsync(TimeSpan.FromSeconds(90), settings))
            Assert.False(File.Exists(orphan), "the next start left the orphaned spool file behind");
    }

    /// <summary>The upload's spool file once it holds at least <paramref name="minimumBytes"/> bytes.</summary>
    private async Task<string> SpoolFileAsync(long minimumBytes)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var file = Directory.EnumerateFiles(spool, "shiftleft-spool-upload-*").Select(f => new FileInfo(f)).FirstOrDefault(f => f.Length >= minimumBytes);
            if (file is not null) return file.FullName;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No spool file of {minimumBytes} bytes appeared in {spool}: [{string.Join(", ", Directory.EnumerateFiles(spool))}]");
    }

    /// <summary>What a new installation does through the API: the first admin from the printed code, a session, a token.</summary>
    private static async Task<string> IngestionTokenAsync(PortalProcess portal)
    {
        var code = (await portal.WaitForConsoleAsync(SetupCode(), TimeSpan.FromSeconds(30))).Groups["code"].Value;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = portal.BaseAddress };
        (await http.PostAsJsonAsync("api/v1/setup", new { code, email = BrowserPortal.AdminEmail, password = BrowserPortal.Password })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("api/v1/session", new { email = BrowserPortal.AdminEmail, password = BrowserPortal.Password })).EnsureSuccessStatusCode();
        var created = await http.PostAsJsonAsync("api/v1/admin/tokens", new { name = "crash", allRepositories = true, repositories = Array.Empty<string>() });
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["plaintextToken"]!.GetValue<string>();
    }

    [GeneratedRegex(@"/setup\?code=(?<code>[A-Za-z0-9_\-%]+)")]
    private static partial Regex SetupCode();

    public void Dispose() => Directory.Delete(spool, recursive: true);

    /// <summary>A request body that sends <c>size</c> bytes of a JSON string and then never ends (until cancelled).</summary>
    private sealed class TrickleStream(int size) : Stream
    {
        private readonly TaskCompletionSource never = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int sent;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (sent >= size)
            {
                await never.Task.WaitAsync(cancellationToken);
                return 0;
            }

            var n = Math.Min(buffer.Length, Math.Min(64 * 1024, size - sent));
            buffer.Span[..n].Fill((byte)' ');
            sent += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
