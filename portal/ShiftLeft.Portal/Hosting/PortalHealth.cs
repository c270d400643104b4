using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShiftLeft.Portal.Core.Data;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Health endpoints for a load balancer or orchestrator, anonymous and free of detail (the body is one word):
/// <c>/health/live</c> answers 200 while the process serves requests; <c>/health/ready</c> answers 200 only while the
/// database answers and carries every migration of this build, 503 otherwise.
/// </summary>
public static class PortalHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(10));
        return services;
    }

    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private sealed class DatabaseReady(PortalDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Reading the migration history is a round trip to the database and says whether this build's schema is there.
                var pending = await database.PendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
                return pending.Count == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending.");
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", ex);
            }
        }
    }
}
