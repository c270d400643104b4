using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Core;

/// <summary>
/// Before the server listens, under <see cref="PortalLocks.Startup"/>: migrate (or wait for the migrate step), create
/// roles, and — while no admin exists and no earlier code is still valid — print a one-time setup link.
/// Afterwards, hourly: reopen findings whose accepted risk expired (one instance per run, see the triage service).
/// </summary>
internal sealed partial class PortalStartup(IServiceProvider services, PortalDatabase database, IOptions<PortalOptions> options, TimeProvider clock, ILogger<PortalStartup> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweeper;
    private int _disposed;

    /// <summary>Where the setup link is written (keyed service; the console unless a host replaces it).</summary>
    public const string SetupOutputKey = "shiftleft-setup-output";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One instance at a time, across every instance on the database: two migrating at once collide on the same DDL,
        // two seeding roles on the roles' unique names, two issuing setup codes replace each other's.
        // Waiting for a migrate step happens outside the lock, which that step takes.
        if (!options.Value.Database.MigrateOnStart) await WaitForMigrationsAsync(cancellationToken).ConfigureAwait(false);
        await using (await PortalLocks.AcquireAsync(database, PortalLocks.Startup, cancellationToken).ConfigureAwait(false))
        {
            if (options.Value.Database.MigrateOnStart)
            {
                await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                LogMigrated(logger, database.Provider);
            }

            await using var scope = services.CreateAsyncScope();
            var bootstrap = scope.ServiceProvider.GetRequiredService<IAdminBootstrapService>();
            var issue = await bootstrap.IssueCodeIfNeededAsync(replace: false, cancellationToken).ConfigureAwait(false);
            if (issue.Code is { } code)
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
            else if (issue.EarlierCodeStillValid)
            {
                Output.WriteLine(
                    $"{Environment.NewLine}ShiftLeft portal: no administrator exists yet. The setup link printed earlier (by this or another instance) " +
                    $"stays valid until {issue.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Lost it? Run the portal with the command `setup-code` to print a new one " +
                    $"(that invalidates the earlier link).{Environment.NewLine}");
            }
        }

        _sweeper = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// With migrations left to a deployment step (<c>MigrateOnStart=false</c>, the <c>migrate</c> command), an instance
    /// waits until that step has brought the schema up to this build instead of failing on a missing table.
    /// </summary>
    private async Task WaitForMigrationsAsync(CancellationToken cancellationToken)
    {
        while (await database.PendingMigrationsAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } pending)
        {
            LogWaitingForMigrations(logger, pending.Count, pending[0]);
            await Task.Delay(TimeSpan.FromSeconds(5), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private TextWriter Output => services.GetKeyedService<TextWriter>(SetupOutputKey) ?? Console.Out;

    /// <summary>Straight to the console, never through ILogger: log sinks are often shipped elsewhere and kept.</summary>
    private void PrintSetupLink(string? baseUrl, string code)
    {
        var link = $"{(baseUrl ?? "").TrimEnd('/')}/setup?code={code}";
        Output.WriteLine(
            $"{Environment.NewLine}ShiftLeft portal: no administrator exists yet. Create the first one within " +
            $"{options.Value.BootstrapCodeLifetime.TotalHours:0} h by opening{Environment.NewLine}    {link}{Environment.NewLine}" +
            $"(one-time setup code: {code}). Lost it? The portal's `setup-code` command prints a new one and invalidates this one.{Environment.NewLine}");
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
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the database to be migrated ({Count} migrations pending, first {First}); Portal:Database:MigrateOnStart is off, so the `migrate` command or a deployment step applies them.")]
    private static partial void LogWaitingForMigrations(ILogger logger, int count, string first);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reopened {Count} findings whose accepted risk expired.")]
    private static partial void LogReopened(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry sweep of accepted risks failed; retrying in an hour.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
