using ShiftLeft.Portal.Components.Pages.Rules;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Tests.Ui;

/// <summary>The rule pages are the portal's only markup it did not encode itself: what Markdig may and may not write.</summary>
public sealed class RuleMarkdownTests
{
    [Fact]
    public void Every_rule_page_renders_with_its_links_rewritten_to_the_portal_or_the_published_docs()
    {
        foreach (var id in RuleDocumentation.ShiftLeftRuleIds)
        {
            var html = RuleMarkdown.ToHtml(RuleDocumentation.Markdown(id)!);
            Assert.Contains($"<h1 id=", html, StringComparison.Ordinal);
            Assert.DoesNotContain(".md\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"../", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }

        var sl0003 = RuleMarkdown.ToHtml(RuleDocumentation.Markdown("SL0003")!);
        Assert.Contains("<table>", sl0003, StringComparison.Ordinal);
        Assert.Contains("href=\"rules/SL0004\"", sl0003, StringComparison.Ordinal);
        Assert.Contains("href=\"rules/SL0003#personal-data-sources\"", RuleMarkdown.ToHtml(RuleDocumentation.Markdown("SL0004")!), StringComparison.Ordinal);
        Assert.Contains("id=\"personal-data-sources\"", sl0003, StringComparison.Ordinal);
        Assert.Matches("href=\"https://[^\"]+/analyzers\\.html\"", sl0003);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("text <img src=x onerror=alert(1)> more", "<img")]
    [InlineData("<div onclick=\"alert(1)\">x</div>", "<div")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "alert(1)")]
    [InlineData("[data](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [InlineData("<javascript:alert(1)>", "href=\"javascript")]
    [InlineData("![tracker](https://evil.example/pixel.png)", "<img")]
    [InlineData("[plain](http://insecure.example/)", "http://insecure")]
    [InlineData("[creds](https://user:pw@example.com/)", "user:pw")]
    [InlineData("[up](../../../etc/passwd)", "passwd")]
    [InlineData("[t](https://example.com/ \"x\\\" onmouseover=\\\"alert(1)\")", "onmouseover=\"")]
    public void Markup_and_unsafe_targets_never_reach_the_page(string markdown, string forbidden)
    {
        var html = RuleMarkdown.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("#what-it-reports", "#what-it-reports")]
    [InlineData("SL0002.md", "rules/SL0002")]
    [InlineData("SL0003.md#personal-data-sources", "rules/SL0003#personal-data-sources")]
    [InlineData("https://learn.microsoft.com/dotnet/", "https://learn.microsoft.com/dotnet/")]
    [InlineData("SL9999.md", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("mailto:someone@example.com", null)]
    [InlineData("//evil.example/x", null)]
    public void Link_targets(string target, string? expected) => Assert.Equal(expected, RuleMarkdown.SafeTarget(target));

    [Fact]
    public void Links_to_other_documentation_pages_go_to_the_published_documentation()
    {
        var target = RuleMarkdown.SafeTarget("../evidence-gate.md#artifact-formats");
        Assert.StartsWith("https://", target, StringComparison.Ordinal);
        Assert.EndsWith("/evidence-gate.html#artifact-formats", target, StringComparison.Ordinal);
    }
}
