using System.Net;
using System.Net.Http.Headers;

namespace ShiftLeft.Build.Governance;

/// <summary>What one governance lookup of the portal gave.</summary>
public enum PortalAnswerStatus
{
    /// <summary>200 with a body.</summary>
    Found,

    /// <summary>404: the portal has nothing for the question (no sign-off of this evidence, no baseline, no such system).</summary>
    NotFound,

    /// <summary>Unreachable, too slow, refused (401/403), a server error or an oversized answer: <see cref="PortalAnswer.Problem"/> says which.</summary>
    Failed,
}

/// <summary>The answer of one lookup; <see cref="Problem"/> is a clause for a build message (never the token).</summary>
public sealed record PortalAnswer(PortalAnswerStatus Status, byte[]? Body, string? Problem);

/// <summary>
/// The gate's read-only questions to the portal (docs/portal.md "What the gate asks"), with the repository-scoped
/// ingestion token as bearer. A build must never hang on a portal: each lookup is one attempt bounded by
/// <see cref="Timeout"/> for the whole answer (connect, headers and body), answers are bounded in size, and once one
/// lookup fails for a reason other than 404 the rest fail at once with the same reason, so a gate waits at most one
/// timeout. Nothing here is trusted: the callers verify every record's signature as they verify committed files.
/// </summary>
public sealed class PortalGovernance : IDisposable
{
    /// <summary>The largest answer read: a baseline document is the biggest, and bounded like the committed file.</summary>
    public const long MaxAnswerBytes = FileBaselineSource.MaxBytes;

    private readonly HttpClient _client;
    private readonly string _token;
    private string? _failure;
    private string? _display;

    public PortalGovernance(Uri portal, string token, string repository, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(portal);
        (Portal, _token, Repository, Timeout) = (portal, token, repository, timeout);
        _client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = timeout }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Portal { get; }

    /// <summary>The repository name the token is scoped to, as the portal knows it.</summary>
    public string Repository { get; }

    public TimeSpan Timeout { get; }

    /// <summary>True once any lookup was made: the answer can change without any file changing, so the gate is not skipped as up to date.</summary>
    public bool Asked { get; private set; }

    /// <summary>
    /// A portal that cannot be asked (a bad URL, no token): every lookup fails with <paramref name="problem"/>, so each
    /// finding that depended on it names the cause.
    /// </summary>
    public static PortalGovernance Unusable(string url, string problem) =>
        new(new Uri("http://127.0.0.1/"), string.Empty, string.Empty, TimeSpan.FromSeconds(1)) { _failure = problem, _display = url };

    /// <summary>The URL of a lookup, without its query (for messages).</summary>
    public string Describe(string lookup) => $"{(_display ?? Portal.AbsoluteUri).TrimEnd('/')}/api/v1/governance/{lookup}";

    /// <summary>GET /api/v1/governance/<paramref name="lookup"/> with the repository and <paramref name="query"/>.</summary>
    public PortalAnswer Get(string lookup, params (string Name, string Value)[] query)
    {
        Asked = true;
        if (_failure is not null)
        {
            return new PortalAnswer(PortalAnswerStatus.Failed, null, _failure);
        }

        var answer = GetAsync(lookup, query).GetAwaiter().GetResult();
        if (answer.Status == PortalAnswerStatus.Failed)
        {
            _failure = answer.Problem;
        }

        return answer;
    }

    public void Dispose() => _client.Dispose();

    private async Task<PortalAnswer> GetAsync(string lookup, (string Name, string Value)[] query)
    {
        var url = Describe(lookup) + "?" + string.Join("&", new[] { ("repository", Repository) }.Concat(query).Select(q => q.Item1 + "=" + Uri.EscapeDataString(q.Item2)));
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ShiftLeft.Build", "1"));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new PortalAnswer(PortalAnswerStatus.NotFound, null, null);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var why = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "the ingestion token was refused (401): it is unknown, revoked or expired",
                    HttpStatusCode.Forbidden => $"the ingestion token is not scoped to repository '{Repository}' (403)",
                    _ => $"the portal answered {(int)response.StatusCode} {response.ReasonPhrase}",
                };
                return new PortalAnswer(PortalAnswerStatus.Failed, null, why);
            }

            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return TooLarge();
            }

            using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxAnswerBytes)
                {
                    return TooLarge();
                }

                body.Write(buffer, 0, read);
            }

            return new PortalAnswer(PortalAnswerStatus.Found, body.ToArray(), null);
        }
        catch (OperationCanceledException)
        {
            return new PortalAnswer(PortalAnswerStatus.Failed, null, $"no answer within {Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and the socket error; it never contains the request's headers.
            return new PortalAnswer(PortalAnswerStatus.Failed, null, $"the portal is unreachable ({Diagnostics.EvidenceDiagnostic.Excerpt(ex.Message, 200)})");
        }
    }

    private static PortalAnswer TooLarge() => new(PortalAnswerStatus.Failed, null, $"the answer is larger than {MaxAnswerBytes / (1024 * 1024)} MiB");
}
