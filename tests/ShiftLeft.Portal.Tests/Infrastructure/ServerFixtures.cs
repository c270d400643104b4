using ShiftLeft.Portal.Core;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>Real portals on Kestrel for one test class, one per provider, started on first use and stopped (databases dropped) at the end.</summary>
public sealed class BothServers : IAsyncLifetime
{
    /// <summary>Small limits so the size cases of the catalogue stay fast.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Limits = new Dictionary<string, string?>
    {
        ["Portal:Ingestion:MaxUploadBytes"] = "2000000",
        ["Portal:Ingestion:MaxSarifBytes"] = "5000000",
        ["Portal:Ingestion:MaxResults"] = "2000",
        ["Portal:Ingestion:MaxStringBytes"] = "65536",
        ["Portal:Ingestion:MaxDepth"] = "64",
    };

    private readonly Dictionary<DatabaseProvider, Task<PortalServer>> _servers = [];
    private readonly Lock _gate = new();

    public Task<PortalServer> Get(DatabaseProvider provider)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(provider, out var server))
                _servers[provider] = server = PortalServer.StartAsync(provider, new Dictionary<string, string?>(Limits));
            return server;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            if (server.IsCompletedSuccessfully) await (await server).DisposeAsync();
        }
    }
}
