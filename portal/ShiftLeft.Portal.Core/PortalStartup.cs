using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Core;

/// <summary>
/// Before the server listens: migrate, create roles, and — while no admin exists — print a one-time setup link.
/// Afterwards, hourly: reopen findings whose accepted risk expired.
/// </summary>
internal sealed partial class PortalStartup(IServiceProvider services, PortalDatabase database, IOptions<PortalOptions> options, ILogger<PortalStartup> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweeper;
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Database.MigrateOnStart)
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(logger, database.Provider);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var bootstrap = scope.ServiceProvider.GetRequiredService<IAdminBootstrapService>();
            var code = await bootstrap.IssueCodeIfNeededAsync(cancellationToken).ConfigureAwait(false);
            if (code is not null)
            {
                var configuredBase = options.Value.PublicBaseUrl;
                var lifetime = services.GetService<IHostApplicationLifetime>();
                if (!string.IsNullOrWhiteSpace(configuredBase) || lifetime is null)
                {
                    PrintSetupLink(configuredBase, code);
                }
                else
                {
                    // Without a configured public URL, the link is only useful with the address the server listens on,
                    // which is known once it has started.
                    lifetime.ApplicationStarted.Register(() => PrintSetupLink(ListeningAddress(), code));
                }
            }
        }

        _sweeper = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Straight to the console, never through ILogger: log sinks are often shipped elsewhere and kept.</summary>
    private void PrintSetupLink(string? baseUrl, string code)
    {
        var link = $"{(baseUrl ?? "").TrimEnd('/')}/setup?code={code}";
        Console.Out.WriteLine(
            $"{Environment.NewLine}ShiftLeft portal: no administrator exists yet. Create the first one within " +
            $"{options.Value.BootstrapCodeLifetime.TotalHours:0} h by opening{Environment.NewLine}    {link}{Environment.NewLine}" +
            $"(one-time setup code: {code}). Restarting prints a new code and invalidates this one.{Environment.NewLine}");
    }

    /// <summary>The first address the server listens on, with a wildcard host made browsable; null without a server.</summary>
    private string? ListeningAddress()
    {
        var address = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return null;
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            if (address.Contains(wildcard, StringComparison.Ordinal)) return address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return address;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped again after it was disposed (WebApplicationFactory does on teardown): nothing left to stop.
        if (Volatile.Read(ref _disposed) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_sweeper is not null)
        {
            try { await _sweeper.WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var reopened = await scope.ServiceProvider.GetRequiredService<ITriageService>().ExpireAcceptedRisksAsync(cancellationToken).ConfigureAwait(false);
                if (reopened > 0) LogReopened(logger, reopened);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep must not stop the portal; the next tick retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal database ({Provider}) is migrated.")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reopened {Count} findings whose accepted risk expired.")]
    private static partial void LogReopened(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry sweep of accepted risks failed; retrying in an hour.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
