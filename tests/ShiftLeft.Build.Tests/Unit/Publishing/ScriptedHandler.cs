using System.Net;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

/// <summary>An HTTP stack that answers from a script, one step per request, and keeps what it was sent.</summary>
public sealed class ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps) : HttpMessageHandler
{
    private int _next;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, string json = "{}", Action<HttpResponseMessage>? headers = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            headers?.Invoke(response);
            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Refuse() =>
        (_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)");

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    public const string Accepted = """
        { "runId": 42, "repositoryId": 3, "repository": "contoso/chat-bot", "branch": "main", "commit": "abc", "buildId": "1",
          "replayed": false, "results": 9, "new": 1, "unchanged": 5, "fixed": 2, "reintroduced": 1, "suppressed": 2, "openAfter": 6,
          "aiSystems": ["chat"], "gatePassed": false, "warnings": [] }
        """;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        var step = _next < steps.Length ? steps[_next++] : throw new InvalidOperationException("the script has no more answers");
        return await step(request, cancellationToken);
    }
}
