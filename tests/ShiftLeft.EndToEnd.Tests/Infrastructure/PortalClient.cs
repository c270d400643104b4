using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>A finding as the portal's API lists it: what a build decides, its lifecycle and triage, and its identity.</summary>
public sealed record PortalFinding(long Id, string Fingerprint, string RuleId, string Path, int Line, string Message, bool Suppressed, string State, string Triage, bool Open);

/// <summary>
/// The portal's HTTP API as a lead's script uses it: the first administrator created with the one-time setup code the
/// portal printed, then signed in with a cookie.
/// </summary>
public sealed class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    private PortalClient(HttpClient http) => _http = http;

    public static async Task<PortalClient> SetUpAsync(Uri portal, string setupCode, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = portal };
        var setup = await http.PostAsJsonAsync("api/v1/setup", new { code = Uri.UnescapeDataString(setupCode), email, password, displayName = "Lee Lead" });
        if (!setup.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"setup failed: {(int)setup.StatusCode} {await setup.Content.ReadAsStringAsync()}");
        }

        var session = await http.PostAsJsonAsync("api/v1/session", new { email, password });
        session.EnsureSuccessStatusCode();
        return new PortalClient(http);
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)! : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }

    /// <summary>The id of a repository by name.</summary>
    public async Task<long> RepositoryIdAsync(string name)
    {
        var page = await GetAsync("api/v1/repositories?search=" + Uri.EscapeDataString(name) + "&pageSize=100");
        return page["items"]!.AsArray().Single(r => string.Equals(r!["name"]!.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase))!["id"]!.GetValue<long>();
    }

    /// <summary>Every finding of a repository's branch, open or not.</summary>
    public async Task<IReadOnlyList<PortalFinding>> FindingsAsync(long repositoryId, string branch)
    {
        var page = await GetAsync($"api/v1/findings?repositoryId={repositoryId}&branch={Uri.EscapeDataString(branch)}&visibility=All&pageSize=500");
        return page["items"]!.AsArray().Select(f => new PortalFinding(
            f!["id"]!.GetValue<long>(),
            f["fingerprint"]!.GetValue<string>(),
            f["ruleId"]!.GetValue<string>(),
            f["path"]!.GetValue<string>(),
            f["startLine"]!.GetValue<int>(),
            f["message"]!.GetValue<string>(),
            f["isSuppressed"]!.GetValue<bool>(),
            f["state"]!.GetValue<string>(),
            f["triage"]!.GetValue<string>(),
            f["isOpen"]!.GetValue<bool>())).ToList();
    }

    /// <summary>Dismisses a finding as a lead's script would (POST /api/v1/findings/{id}/triage).</summary>
    public async Task DismissAsync(long findingId, string reason, string comment)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/findings/{findingId}/triage", new { action = "Dismiss", reason, comment });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"triage of finding {findingId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The AI systems of a repository: name → (id, gate passed, requirement kind → status).</summary>
    public async Task<IReadOnlyDictionary<string, (long Id, bool? GatePassed, IReadOnlyDictionary<string, string> Requirements)>> AiSystemsAsync(long repositoryId)
    {
        var list = await GetAsync($"api/v1/ai-systems?repositoryId={repositoryId}&pageSize=100");
        var systems = new Dictionary<string, (long, bool?, IReadOnlyDictionary<string, string>)>(StringComparer.Ordinal);
        foreach (var item in list["items"]!.AsArray())
        {
            var detail = await GetAsync($"api/v1/ai-systems/{item!["id"]!.GetValue<long>()}");
            var requirements = detail["requirements"]!.AsArray().ToDictionary(r => r!["kind"]!.GetValue<string>(), r => r!["status"]!.GetValue<string>(), StringComparer.Ordinal);
            systems[item["name"]!.GetValue<string>()] = (item["id"]!.GetValue<long>(), item["lastGatePassed"]?.GetValue<bool?>(), requirements);
        }

        return systems;
    }

    public void Dispose() => _http.Dispose();
}
