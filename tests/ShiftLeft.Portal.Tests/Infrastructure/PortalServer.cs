using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>
/// The real Program (UI included) on Kestrel, bound to 127.0.0.1 on a free port, over a database of its own.
/// Clients talk to it through real sockets. Users viewer / triager / admin / norole exist with password <see cref="Password"/>.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    public const string Password = "Correct-Horse-Battery-9";
    private readonly Factory _factory;

    private PortalServer(Factory factory, TestDatabase database, Uri address)
    {
        _factory = factory;
        Database = database;
        Address = address;
    }

    public TestDatabase Database { get; }
    public Uri Address { get; }
    public IServiceProvider Services => _factory.Services;

    /// <param name="clock">The portal's clock (default: one starting at <see cref="TestClock.Start"/>).</param>
    public static async Task<PortalServer> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var all = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var factory = new Factory(all, clock ?? TestClock.Create());
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        var server = new PortalServer(factory, database, address);
        await server.CreateUsersAsync();
        return server;
    }

    /// <summary>A client with its own cookie jar, signed in as the given user (null: anonymous).</summary>
    public async Task<HttpClient> ClientAsync(string? user = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromMinutes(3),
        };
        if (user is not null)
        {
            var response = await client.PostAsJsonAsync("/api/v1/session", new { email = user + "@example.test", password = Password });
            if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"Sign-in of {user} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>A client carrying an ingestion token in the Authorization header.</summary>
    public HttpClient TokenClient(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> CreateTokenAsync(bool allRepositories, params string[] repositories)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IIngestionTokenService>()
            .CreateAsync(new CreateIngestionTokenRequest("test token", allRepositories, repositories, TestClock.StartUtc.AddDays(1)), CorePortal.Admin);
        return created.PlaintextToken;
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task CreateUsersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (name, role) in new[] { ("viewer", PortalRoles.Viewer), ("triager", PortalRoles.Triager), ("admin", PortalRoles.Admin), ("norole", null) })
        {
            var user = new PortalUser { UserName = name + "@example.test", Email = name + "@example.test", EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            if (role is not null) await users.AddToRoleAsync(user, role);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
