namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Refuses (400) any request whose path or query string holds a control character once decoded (<c>%00</c>, <c>%0A</c>, …):
/// no URL of the portal needs one, and a NUL reaching PostgreSQL as a filter would fail the query (docs/portal.md
/// "Hostile input"). Request bodies are checked by the commands that read them.
/// </summary>
public static class ControlCharacterGuard
{
    public static IApplicationBuilder UseControlCharacterGuard(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            var polluted = HasControl(request.Path.Value) || request.Query.Any(q => HasControl(q.Key) || q.Value.Any(HasControl));
            return polluted
                ? Results.Problem(statusCode: 400, title: "Invalid request", type: ProblemTypes.InvalidRequest,
                    detail: "The URL holds control characters (such as %00); remove them and retry.").ExecuteAsync(context)
                : next(context);
        });

    private static bool HasControl(string? value) => value is not null && value.Any(char.IsControl);
}
