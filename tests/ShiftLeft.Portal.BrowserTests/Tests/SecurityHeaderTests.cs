using Microsoft.Playwright;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.Portal.BrowserTests.Tests;

/// <summary>
/// The defence-in-depth headers on every page a lead opens (and on API answers, static files and errors), and proof in
/// a real browser that the Content-Security-Policy stops script that got into a page.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class SecurityHeaderTests(HostileFixture fixture)
{
    private static readonly string[] Directives =
        ["default-src 'self'", "script-src 'self';", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"];

    [Fact]
    public async Task Every_page_carries_the_content_security_policy_and_the_other_headers()
    {
        await using var anonymous = await fixture.OpenAnonymousAsync();
        await AssertHeadersAsync(await anonymous.Page.GotoAsync("account/signin"), "sign-in page");
        await AssertHeadersAsync(await anonymous.Page.GotoAsync("setup"), "setup page");
        await AssertHeadersAsync(await anonymous.Page.GotoAsync("api/v1/overview"), "API answer (401)");
        await AssertHeadersAsync(await anonymous.Page.GotoAsync("app.css"), "static file");

        await using var admin = await fixture.OpenAsync(HostileFixture.AdminEmail);
        foreach (var path in new[]
                 {
                     "", "findings", $"findings/{fixture.HostileFindingId}", "repositories", $"repositories/{fixture.HostileRepositoryId}", "ai-systems",
                     $"ai-systems/{fixture.AiSystemId}", "admin/tokens", "admin/users", "admin/audit", "api/v1/overview",
                 })
        {
            await AssertHeadersAsync(await admin.Page.GotoAsync(path), "/" + path);
        }

        // An unknown URL (the browser shows no page for an empty 404, so it is fetched with the session's cookies).
        var missing = await admin.Context.APIRequest.GetAsync("no/such/page");
        Assert.Equal(404, missing.Status);
        AssertHeaders(missing.Headers, "unknown URL");
    }

    [Fact]
    public async Task The_policy_stops_script_injected_into_a_page()
    {
        await using var session = await fixture.OpenAsync(HostileFixture.AdminEmail);
        await session.GoAsync("");
        var onPortal = await InjectAsync(session.Page);
        Assert.False(onPortal.Element, "an injected <script> element ran");
        Assert.False(onPortal.Handler, "an injected onerror handler ran");
        Assert.False(onPortal.Link, "an injected javascript: link ran");
        Assert.Contains(onPortal.Violations, v => v.StartsWith("script-src", StringComparison.Ordinal));

        // The same injection on a page without the policy runs: the check above can see script that runs.
        await session.Page.GotoAsync("about:blank");
        var unprotected = await InjectAsync(session.Page);
        Assert.True(unprotected.Element && unprotected.Handler && unprotected.Link, "the control injection did not run; the test proves nothing");
        Assert.Empty(unprotected.Violations);
    }

    private sealed record Injection(bool Element, bool Handler, bool Link, string[] Violations);

    private static async Task<Injection> InjectAsync(IPage page)
    {
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(InjectScript);
        return new Injection(result.GetProperty("element").GetBoolean(), result.GetProperty("handler").GetBoolean(), result.GetProperty("link").GetBoolean(),
            result.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    // Inserts an inline <script>, an element with an inline error handler and clicks a javascript: link, then reports
    // which of them ran and which policy directives the browser reported as violated.
    private const string InjectScript = """
        () => new Promise(resolve => {
          const violations = [];
          document.addEventListener('securitypolicyviolation', e => violations.push(e.effectiveDirective));
          window.__element = false; window.__handler = false; window.__link = false;
          const script = document.createElement('script');
          script.textContent = 'window.__element = true;';
          document.body.appendChild(script);
          const img = document.createElement('img');
          img.setAttribute('onerror', 'window.__handler = true;');
          img.src = 'data:,not-an-image';
          document.body.appendChild(img);
          const link = document.createElement('a');
          link.href = 'javascript:window.__link = true; void 0';
          document.body.appendChild(link);
          link.click();
          setTimeout(() => resolve({ element: window.__element, handler: window.__handler, link: window.__link, violations }), 1000);
        })
        """;

    private static async Task AssertHeadersAsync(IResponse? response, string what)
    {
        Assert.True(response is not null, $"{what}: no response");
        AssertHeaders(await response!.AllHeadersAsync(), what);
    }

    private static void AssertHeaders(IReadOnlyDictionary<string, string> headers, string what)
    {
        Assert.True(headers.TryGetValue("content-security-policy", out var policy), $"{what}: no Content-Security-Policy");
        foreach (var directive in Directives)
            Assert.True(policy!.Contains(directive, StringComparison.Ordinal), $"{what}: the policy lacks {directive}: {policy}");
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", policy);
        Assert.Equal("nosniff", headers.GetValueOrDefault("x-content-type-options"));
        Assert.Equal("no-referrer", headers.GetValueOrDefault("referrer-policy"));
        Assert.Equal("DENY", headers.GetValueOrDefault("x-frame-options"));
    }
}
