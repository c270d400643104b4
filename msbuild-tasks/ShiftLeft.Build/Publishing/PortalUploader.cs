using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ShiftLeft.Build.Publishing;

/// <summary>The portal's answer to an accepted upload (POST /api/v1/runs, 201 or 200 for a replay).</summary>
public sealed record UploadReceipt(long RunId, string Repository, bool Replayed, int Results, int New, int Fixed, int OpenAfter, bool? GatePassed, string RunUrl);

/// <summary>An upload that did not succeed, with the sentence a build log shows (never the token).</summary>
public sealed class UploadException(string message) : Exception(message);

/// <summary>
/// Uploads one run to the portal as multipart/form-data (gzip-compressed SARIF, evidence reports as they are), retrying
/// what can succeed later — connection failures, timeouts, 408, 429 (honouring Retry-After) and 5xx — with
/// exponential backoff (1 s, 2 s, 4 s ... capped at 30 s). A 4xx other than 408/429 is final: the problem detail the
/// portal sent says what to change.
/// </summary>
public sealed class PortalUploader(HttpMessageHandler handler, Func<TimeSpan, CancellationToken, Task> delay)
{
    /// <summary>An uploader on a real HTTP stack that waits real time between attempts.</summary>
    public static PortalUploader CreateDefault() => new(new SocketsHttpHandler { AllowAutoRedirect = false }, Task.Delay);

    public async Task<UploadReceipt> UploadAsync(
        Uri portal,
        string token,
        SourceControl source,
        string buildId,
        byte[] sarif,
        IReadOnlyList<string> evidenceReports,
        PublishSettings settings,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var endpoint = new Uri(new Uri(portal.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/runs");
        var compressed = Gzip(sarif);
        var evidence = evidenceReports.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToList();
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Form(source, buildId, compressed, evidence) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ShiftLeft.Build", "1"));
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(settings.Timeout);
                using var response = await client.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Receipt(body, portal);
                }

                failure = $"the portal answered {(int)response.StatusCode} {response.ReasonPhrase}{Detail(body)}";
                if (!Retryable(response.StatusCode))
                {
                    throw new UploadException($"Upload to {endpoint} refused: {failure}.");
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException ex)
            {
                failure = $"the portal is unreachable ({ex.Message})";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {settings.Timeout.TotalSeconds:0} s";
            }

            if (attempt >= settings.Retries)
            {
                throw new UploadException($"Upload to {endpoint} failed after {attempt + 1} attempt(s): {failure}.");
            }

            var wait = retryAfter is { } asked && asked > TimeSpan.Zero && asked <= TimeSpan.FromMinutes(2)
                ? asked
                : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt)));
            log($"Upload attempt {attempt + 1} failed: {failure}; retrying in {wait.TotalSeconds:0} s.");
            await delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static MultipartFormDataContent Form(SourceControl source, string buildId, byte[] sarif, IReadOnlyList<(string Path, byte[] Bytes)> evidence)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(source.Repository), "repository" },
            { new StringContent(source.Commit ?? ""), "commit" },
            { new StringContent(source.Branch ?? ""), "branch" },
            { new StringContent(buildId), "buildId" },
            { new StringContent(source.SourceRoot), "sourceRoot" },
        };
        var sarifPart = new ByteArrayContent(sarif);
        sarifPart.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(sarifPart, "sarif", "shiftleft.sarif.gz");
        foreach (var (path, bytes) in evidence)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(part, "evidence", Path.GetFileName(path));
        }

        return form;
    }

    private static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The problem detail of an RFC 7807 answer, or a short excerpt of any other body.</summary>
    private static string Detail(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["detail"]?.GetValue<string>() is { Length: > 0 } detail)
            {
                return ": " + detail;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        var text = new string(body.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
        return text.Length == 0 ? "" : ": " + text;
    }

    private static UploadReceipt Receipt(string body, Uri portal)
    {
        var json = JsonNode.Parse(body) ?? throw new UploadException("The portal accepted the upload but sent no summary.");
        long Long(string name) => json[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
        var runId = Long("runId");
        return new UploadReceipt(
            runId,
            json["repository"]?.GetValue<string>() ?? "",
            json["replayed"]?.GetValue<bool>() ?? false,
            (int)Long("results"),
            (int)Long("new"),
            (int)Long("fixed"),
            (int)Long("openAfter"),
            json["gatePassed"] is JsonValue gate && gate.TryGetValue<bool>(out var passed) ? passed : null,
            new Uri(new Uri(portal.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/runs/" + runId.ToString(CultureInfo.InvariantCulture)).AbsoluteUri);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
