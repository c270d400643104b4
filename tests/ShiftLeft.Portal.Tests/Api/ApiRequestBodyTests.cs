using System.Net;
using System.Text;
using System.Text.Json;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>A body the people/admin API cannot read is answered like every other error: a urn:shiftleft:problem whose detail says what and where.</summary>
public sealed class ApiRequestBodyTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [InlineData("/api/v1/admin/users", "{", "application/json", 400, "LineNumber")]
    [InlineData("/api/v1/admin/users", """{"email":5}""", "application/json", 400, "$.email")]
    [InlineData("/api/v1/admin/users", "null", "application/json", 400, "body")]
    [InlineData("/api/v1/admin/users", """{"email":"a@example.test"}""", "text/plain", 415, "application/json")]
    public async Task An_unreadable_body_is_a_problem_that_names_what_is_wrong(string path, string body, string contentType, int status, string phrase)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using var admin = await server.ClientAsync("admin");
        using var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.StartsWith("urn:shiftleft:problem:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(phrase, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
