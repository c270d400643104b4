using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An upload as the README's curl example sends it (POST /api/v1/runs, multipart, an ingestion token): a SARIF log and
/// an evidence report with the repository, commit, branch, build id and source root. Answers the portal's summary.
/// </summary>
public static class ManualUpload
{
    public static async Task<JsonNode> PostAsync(Uri portal, string tokenFile, string repository, string commit, string branch, string buildId, string sourceRoot, string sarif, string evidence)
    {
        using var http = new HttpClient { BaseAddress = portal };
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("repository", repository), ("commit", commit), ("branch", branch), ("buildId", buildId), ("sourceRoot", sourceRoot) })
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(sarif)), "sarif", Path.GetFileName(sarif));
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(evidence)), "evidence", Path.GetFileName(evidence));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/runs") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(tokenFile)).Trim());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)! : throw new InvalidOperationException($"upload of {sarif}: {(int)response.StatusCode} {body}");
    }
}
