namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Response headers of defence in depth, on every response (pages, API, static files, errors): should markup ever slip
/// through the encoders, the browser still refuses to run it (docs/portal.md "Content-Security-Policy").
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the portal itself, and no inline script at all: Blazor Server needs neither a hash nor a nonce
    /// once the page has no import map (nothing here loads JS modules). Styles may be inline because MudBlazor writes
    /// style attributes and its theme as a &lt;style&gt; element; CSS cannot run script. The circuit's WebSocket is
    /// same-origin ('self'). No plugins, no &lt;base&gt; elsewhere, no framing by other sites, forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Adds the headers when the response starts, so responses rewritten by the error handler carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
