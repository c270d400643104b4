extern alias portal;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>
/// The Overview page as the server renders it for a signed-in viewer: GET / on the real portal (in-process test server, no
/// network), over a database filled like <see cref="QueryBenchmark"/>. The prerender awaits the page's data, so the time is
/// the overview's queries plus rendering the HTML; the interactive circuit then reuses that data (persisted component state)
/// instead of querying again, so this is the whole server cost of a visit.
/// </summary>
internal static class RenderBenchmark
{
    private const int Warmup = 3;
    private const int Iterations = 30;
    private const string Email = "bench@example.test";
    private const string Password = "Correct-Horse-Battery-9";

    public static async Task<int> RunAsync(string[] args)
    {
        var findings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var repositories = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var provider = BenchmarkDatabase.Parse(args.ElementAtOrDefault(2));
        await using var database = await BenchmarkDatabase.CreateAsync(provider);
        await using (var services = IngestBenchmark.Services(database))
        {
            await services.GetRequiredService<PortalDatabase>().MigrateAsync();
            await QueryBenchmark.FillAsync(services, provider, findings, repositories);
        }

        // The web project's folder is its content root (WebApplicationFactory reads this setting before guessing one).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SHIFTLEFT_PORTAL", PortalFolder());
        await using var portal = new Portal(database);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = Email, Email = Email, EmailConfirmed = true };
            if (!(await users.CreateAsync(user, Password)).Succeeded) throw new InvalidOperationException("Could not create the benchmark's viewer.");
            await users.AddToRoleAsync(user, PortalRoles.Viewer);
        }

        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await client.PostAsJsonAsync("/api/v1/session", new { email = Email, password = Password });
        if (signedIn.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"Sign-in failed: {signedIn.StatusCode}");

        // The page, then (for scale) the overview's queries alone through the same portal's service.
        var (page, bytes) = await TimeAsync(async () =>
        {
            using var response = await client.GetAsync("/");
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-testid=\"kpi-open-value\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"GET / answered {(int)response.StatusCode} without the overview's numbers.");
            return html.Length;
        });
        var (queries, _) = await TimeAsync(async () =>
        {
            await using var scope = portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IOverviewService>().GetOverviewAsync(new OverviewQuery());
            return 0;
        });

        Console.WriteLine();
        Console.WriteLine($"| {provider}, {findings / repositories * repositories:N0} findings / {repositories} repositories | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| Overview server render (GET /, signed in, prerendered with its data; {bytes / 1024} KiB of HTML) | {QueryBenchmark.Percentile(page, 0.50):F0} | " +
                          $"{QueryBenchmark.Percentile(page, 0.95):F0} | {page[^1]:F0} |");
        Console.WriteLine($"| — of which the overview's queries (IOverviewService alone) | {QueryBenchmark.Percentile(queries, 0.50):F0} | " +
                          $"{QueryBenchmark.Percentile(queries, 0.95):F0} | {queries[^1]:F0} |");
        return 0;
    }

    private static async Task<(List<double> Times, int Last)> TimeAsync(Func<Task<int>> run)
    {
        var times = new List<double>();
        var last = 0;
        for (var i = 0; i < Warmup + Iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            last = await run();
            if (i >= Warmup) times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times, last);
    }

    private static string PortalFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var folder = Path.Combine(directory.FullName, "portal", "ShiftLeft.Portal");
            if (File.Exists(Path.Combine(folder, "ShiftLeft.Portal.csproj"))) return folder;
        }

        throw new InvalidOperationException("portal/ShiftLeft.Portal is not above " + AppContext.BaseDirectory);
    }

    private sealed class Portal(BenchmarkDatabase database) : WebApplicationFactory<portal::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: the packages' static web assets resolve from the build output, as under `dotnet run`.
            builder.UseEnvironment("Development");
            builder.UseSetting("Portal:Database:Provider", database.Provider.ToString());
            builder.UseSetting("Portal:Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
