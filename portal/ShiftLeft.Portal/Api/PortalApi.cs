using System.Text.Json.Serialization;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>Maps the HTTP API under /api/v1 and the OpenAPI document at /openapi/v1.json.</summary>
public static class PortalApi
{
    public static WebApplication MapPortalApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").WithTags("ShiftLeft portal");
        RunsEndpoints.Map(api);
        ReadEndpoints.Map(api);
        TriageEndpoints.Map(api);
        ExportEndpoints.Map(api);
        AdminEndpoints.Map(api);
        GovernanceEndpoints.Map(api);
        SessionEndpoints.Map(api);
        OpenIdConnectSignIn.MapEndpoints(app);
        return app;
    }

    internal static void ConfigureJson(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
}
