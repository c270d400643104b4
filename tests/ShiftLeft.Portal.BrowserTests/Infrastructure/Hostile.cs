using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Markup payloads for fields a build or a user controls, and the check that a rendered page shows them as text:
/// no JavaScript dialog, no element the payload would have injected.
/// </summary>
public static class Hostile
{
    /// <summary>
    /// One payload per field, naming the field, so a failure says which field leaked: an image error handler, an SVG
    /// load handler, a script element and a javascript: link.
    /// </summary>
    public static string Payload(string field) =>
        $"<img src=x onerror=alert('{field}')><svg onload=alert('{field}')><script>alert('{field}')</script><a href=\"javascript:alert('{field}')\">{field}</a>";

    /// <summary>An unclosed tag: rendered as markup it swallows the rest of the page.</summary>
    public static string Unclosed(string field) => $"<svg onload=alert('{field}') <!-- {field}";

    // Everything on the page that markup from a payload could have produced. Scripts are the portal's own (Blazor,
    // MudBlazor, portal.js, the import map) or injected.
    private const string FindInjectedScript = """
        () => {
          const found = [];
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
          for (const el of document.querySelectorAll('*')) {
            for (const attribute of el.attributes) {
              const name = attribute.name.toLowerCase();
              if (name.startsWith('on')) found.push(describe(el) + ' has ' + name + '="' + attribute.value + '"');
              if (['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(name)
                  && /^\s*(javascript|vbscript|data:text\/html)/i.test(attribute.value))
                found.push(describe(el) + ' has ' + name + '="' + attribute.value + '"');
            }
          }
          const own = /(^|\/)(_framework\/blazor\.web\.[^\/]*js|_content\/MudBlazor\/MudBlazor\.min\.[^\/]*js|js\/portal\.[^\/]*js)$/;
          for (const script of document.querySelectorAll('script')) {
            const src = script.getAttribute('src');
            if (script.type === 'importmap' && !src) continue;
            if (src && own.test(new URL(src, document.baseURI).pathname)) continue;
            found.push('script ' + (src ?? script.textContent.slice(0, 80)));
          }
          for (const el of document.querySelectorAll('iframe, frame, object, embed, base:not(head > base:first-of-type), img[src="x"]'))
            found.push('injected ' + describe(el));
          return found;
        }
        """;

    /// <summary>
    /// Fails when the page shows any dialog so far, holds an element or attribute a payload injected, or reported a
    /// Content-Security-Policy violation (the portal's own pages need none: a violation means injected script, or a
    /// policy that breaks the page); waits a moment first so error and load handlers had their chance to run.
    /// </summary>
    public static async Task AssertNothingInjectedAsync(PortalSession session, string where)
    {
        await session.Page.WaitForTimeoutAsync(300);
        var injected = await session.Page.EvaluateAsync<string[]>(FindInjectedScript);
        var dialogs = session.Dialogs.ToArray();
        var violations = session.ConsoleErrors.Where(e => e.Contains("Content Security Policy", StringComparison.Ordinal)).ToArray();
        if (injected.Length > 0 || dialogs.Length > 0 || violations.Length > 0)
        {
            var screenshot = await session.ScreenshotAsync("injected-" + where.Replace('/', '-'));
            Assert.Fail($"{where} ({session.Page.Url}): dialogs [{string.Join(" | ", dialogs)}]; injected [{string.Join(" | ", injected)}]; " +
                        $"policy violations [{string.Join(" | ", violations)}]; screenshot {screenshot}");
        }
    }

    /// <summary>Asserts the page shows the exact payload text of each field (the test saw the field, and as text).</summary>
    public static async Task AssertShownAsTextAsync(IPage page, string where, params string[] payloads)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var payload in payloads)
            Assert.True(text.Contains(payload, StringComparison.Ordinal), $"{where}: the page does not show '{payload}' as text.");
    }
}
