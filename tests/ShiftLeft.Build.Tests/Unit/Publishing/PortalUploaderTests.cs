using System.IO.Compression;
using System.Net;
using System.Text;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

public sealed class PortalUploaderTests : IDisposable
{
    private const string Token = "slt_abcdefghij_SECRETSECRETSECRET";
    private static readonly Uri Portal = new("https://portal.example.com/");
    private static readonly SourceControl Source = new("contoso/chat-bot", "9fceb02d", "main", "1187.1", "/src/chat-bot", "GitHub Actions");
    private readonly List<TimeSpan> _waits = [];
    private readonly List<string> _log = [];
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "shiftleft-upload-" + Guid.NewGuid().ToString("N") + ".json");

    public PortalUploaderTests() => File.WriteAllText(_evidence, "{\"schemaVersion\":\"1.0\"}");

    private Task<UploadReceipt> Upload(ScriptedHandler handler, PublishSettings? settings = null) =>
        new PortalUploader(handler, (wait, _) => { _waits.Add(wait); return Task.CompletedTask; })
            .UploadAsync(Portal, Token, Source, "1187.1", Encoding.UTF8.GetBytes("{\"version\":\"2.1.0\",\"runs\":[]}"), [_evidence], settings ?? new PublishSettings(), _log.Add, CancellationToken.None);

    [Fact]
    public async Task Sends_one_multipart_run_with_the_metadata_a_gzip_sarif_and_the_evidence()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.Created, ScriptedHandler.Accepted));

        var receipt = await Upload(handler);

        Assert.Equal(new UploadReceipt(42, "contoso/chat-bot", false, 9, 1, 2, 6, false, "https://portal.example.com/api/v1/runs/42"), receipt);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("https://portal.example.com/api/v1/runs", request.RequestUri!.AbsoluteUri);
        Assert.Equal(("Bearer", Token), (request.Headers.Authorization!.Scheme, request.Headers.Authorization.Parameter));
        var form = MultipartForm.Parse(request.Content!.Headers.ContentType!.ToString(), body).ToDictionary(p => p.Name);
        Assert.Equal("contoso/chat-bot", form["repository"].Text);
        Assert.Equal("9fceb02d", form["commit"].Text);
        Assert.Equal("main", form["branch"].Text);
        Assert.Equal("1187.1", form["buildId"].Text);
        Assert.Equal("/src/chat-bot", form["sourceRoot"].Text);
        Assert.Equal((byte)0x1f, form["sarif"].Bytes[0]);
        using (var gzip = new GZipStream(new MemoryStream(form["sarif"].Bytes), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            Assert.Equal("{\"version\":\"2.1.0\",\"runs\":[]}", await reader.ReadToEndAsync());
        }

        Assert.Equal("{\"schemaVersion\":\"1.0\"}", form["evidence"].Text);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Unreachable_and_unavailable_portals_are_retried_with_backoff()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Refuse(),
            ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable),
            ScriptedHandler.Answer(HttpStatusCode.TooManyRequests, headers: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7))),
            ScriptedHandler.Answer(HttpStatusCode.Created, ScriptedHandler.Accepted));

        var receipt = await Upload(handler);

        Assert.Equal(42, receipt.RunId);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)], _waits);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains(_log, l => l.Contains("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Refuse(), ScriptedHandler.Refuse(), ScriptedHandler.Refuse());

        var failure = await Assert.ThrowsAsync<UploadException>(() => Upload(handler, new PublishSettings { Retries = 2 }));

        Assert.Contains("failed after 3 attempt(s): the portal is unreachable", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_silent_portal_times_out_per_attempt()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang());

        var failure = await Assert.ThrowsAsync<UploadException>(() => Upload(handler, new PublishSettings { Retries = 0, Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Contains("no answer within", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "{\"type\":\"urn:shiftleft:problem:unauthorized\",\"detail\":\"The token is unknown, expired or revoked.\"}", "401 Unauthorized: The token is unknown, expired or revoked.")]
    [InlineData(HttpStatusCode.BadRequest, "{\"detail\":\"repository 'x y/' is not a valid name\"}", "400 Bad Request: repository 'x y/' is not a valid name")]
    [InlineData(HttpStatusCode.Forbidden, "<html>no</html>", "403 Forbidden: <html>no</html>")]
    public async Task A_refusal_is_final_and_says_why_without_the_token(HttpStatusCode status, string body, string expected)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(status, body));

        var failure = await Assert.ThrowsAsync<UploadException>(() => Upload(handler));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", failure.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
        Assert.Empty(_waits);
    }

    public void Dispose() => File.Delete(_evidence);
}
