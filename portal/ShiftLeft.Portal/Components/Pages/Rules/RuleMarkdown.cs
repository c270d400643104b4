using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Components.Pages.Rules;

/// <summary>
/// Turns a rule page (docs/rules/&lt;ID&gt;.md, embedded at build time) into HTML that is safe to show as markup: raw HTML in
/// the Markdown is written as text, images are shown as their alt text, and a link keeps its target only when it is an
/// anchor on the page, another rule page (served here at rules/&lt;ID&gt;), a page of the published documentation or an
/// https URL. Anything else (javascript:, data:, http:, file paths) loses its target.
/// </summary>
internal static partial class RuleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = link.IsImage ? "" : SafeTarget(link.Url);
            link.IsImage = false;
            link.Title = null;
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            link.Url = SafeTarget(link.Url) ?? "";
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Where a link of a rule page may point, or null.</summary>
    internal static string? SafeTarget(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        url = url.Trim();
        if (Anchor().IsMatch(url)) return url;
        if (SiblingRule().Match(url) is { Success: true } rule && RuleDocumentation.IsShiftLeftRule(rule.Groups["id"].Value))
            return "rules/" + rule.Groups["id"].Value.ToUpperInvariant() + rule.Groups["anchor"].Value;
        if (DocumentationPage().Match(url) is { Success: true } page)
            return DocumentationLinks.Base + page.Groups["path"].Value + ".html" + page.Groups["anchor"].Value;
        return HttpsLinks.OrNull(url);
    }

    [GeneratedRegex(@"^#[A-Za-z0-9_\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"^(?:\./)?(?<id>[A-Za-z][A-Za-z0-9]{1,15})\.md(?<anchor>#[A-Za-z0-9_\-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SiblingRule();

    [GeneratedRegex(@"^\.\./(?<path>[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*)\.md(?<anchor>#[A-Za-z0-9_\-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentationPage();
}
