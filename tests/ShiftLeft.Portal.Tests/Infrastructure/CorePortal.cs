using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>The portal core (no web host) on a real, migrated database of its own.</summary>
public sealed class CorePortal : IAsyncDisposable
{
    /// <summary>An admin who just signed in (sensitive commands need a recent sign-in).</summary>
    public static readonly PortalActor Admin = new("admin-id", "admin@example.test", [PortalRoles.Admin]) { RecentlyAuthenticated = true };
    public static readonly PortalActor Triager = new("triager-id", "triager@example.test", [PortalRoles.Triager]);
    public static readonly PortalActor Viewer = new("viewer-id", "viewer@example.test", [PortalRoles.Viewer]);

    private CorePortal(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public DatabaseProvider Provider => Database.Provider;

    public static async Task<CorePortal> CreateAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null) =>
        await CreateAsync(await TestDatabase.CreateAsync(provider), settings);

    /// <summary>A portal on an existing database (migrated to the latest schema); the portal owns it from now on and drops it.</summary>
    public static async Task<CorePortal> CreateAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TestClock.Create());
        services.AddPortalCore(configuration);
        var provider2 = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider2.GetRequiredService<PortalDatabase>().MigrateAsync();
        await using (var scope = provider2.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAdminBootstrapService>().IssueCodeIfNeededAsync(); // creates the roles
        }

        return new CorePortal(database, provider2);
    }

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task WithAsync<TService>(Func<TService, Task> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public PortalDbContext Db() => Services.GetRequiredService<PortalDatabase>().CreateDbContext();

    public Task<IngestionResult> IngestAsync(string repository, string commit, IEnumerable<SyntheticResult>? results, string branch = "main", string? buildId = null,
        byte[]? evidence = null, string? sourceRoot = null) =>
        IngestBytesAsync(repository, commit, results is null ? null : SyntheticSarif.ToBytes(results), branch, buildId, evidence, sourceRoot);

    public Task<IngestionResult> IngestBytesAsync(string repository, string commit, byte[]? sarif, string branch = "main", string? buildId = null,
        byte[]? evidence = null, string? sourceRoot = null) =>
        WithAsync<IRunIngestionService, IngestionResult>(service => service.IngestAsync(new IngestionRequest
        {
            Repository = repository,
            Commit = commit,
            Branch = branch,
            BuildId = buildId ?? commit + "-build",
            SourceRoot = sourceRoot,
            Sarif = sarif is null ? [] : [new MemoryStream(sarif)],
            Evidence = evidence is null ? [] : [new MemoryStream(evidence)],
        }));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One core portal per provider for a test class (each class its own databases, dropped at the end).</summary>
public sealed class BothProviders : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<CorePortal>> _portals = [];
    private readonly Lock _gate = new();

    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL };

    public Task<CorePortal> Get(DatabaseProvider provider)
    {
        lock (_gate)
        {
            if (!_portals.TryGetValue(provider, out var portal)) _portals[provider] = portal = CorePortal.CreateAsync(provider);
            return portal;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals.Values)
        {
            if (portal.IsCompletedSuccessfully) await (await portal).DisposeAsync();
        }
    }
}
