using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>
/// Latency of what the UI asks for, on a database filled through the real ingestion path with N findings across R
/// repositories: overview, repositories list, findings grids (global, filtered, second page), finding detail.
/// </summary>
internal static class QueryBenchmark
{
    private const int Warmup = 3;
    private const int Iterations = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var findings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var repositories = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var provider = BenchmarkDatabase.Parse(args.ElementAtOrDefault(2));
        await using var database = await BenchmarkDatabase.CreateAsync(provider);
        await using var services = IngestBenchmark.Services(database);
        await services.GetRequiredService<PortalDatabase>().MigrateAsync();

        var perRepository = findings / repositories;
        await FillAsync(services, provider, findings, repositories);
        long repositoryId;
        long findingId;
        await using (var scope = services.CreateAsyncScope())
        {
            var repository = await scope.ServiceProvider.GetRequiredService<IRepositoryService>().GetByNameAsync($"contoso/repo{repositories / 2}");
            repositoryId = repository!.Id;
            findingId = (await scope.ServiceProvider.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter { RepositoryId = repositoryId }, new FindingPageRequest())).Items[0].Id;
        }

        var queries = new (string Name, Func<IServiceProvider, Task> Run)[]
        {
            ("overview (all repositories, 90-day trend, KPIs)", sp => sp.GetRequiredService<IOverviewService>().GetOverviewAsync(new OverviewQuery())),
            ("repositories page 1, sorted by open findings", sp => sp.GetRequiredService<IRepositoryService>().ListAsync(new RepositoryListQuery(Sort: RepositorySort.OpenFindings, Descending: true))),
            ("repositories search 'repo25'", sp => sp.GetRequiredService<IRepositoryService>().ListAsync(new RepositoryListQuery("repo25"))),
            ("findings grid, all repositories, open, page 1 by severity", sp => sp.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter(), new FindingPageRequest())),
            ("findings grid, all repositories, rule SL0003 + error, page 1", sp => sp.GetRequiredService<IFindingQueryService>().SearchAsync(
                new FindingFilter { RuleIds = ["SL0003"], Severities = [FindingSeverity.Error] }, new FindingPageRequest())),
            ("findings grid, one repository, warning, page 3 by path", sp => sp.GetRequiredService<IFindingQueryService>().SearchAsync(
                new FindingFilter { RepositoryId = repositoryId, Severities = [FindingSeverity.Warning] }, new FindingPageRequest(3, 50, FindingSort.Path, false))),
            ("findings grid, one repository, path contains 'Module3'", sp => sp.GetRequiredService<IFindingQueryService>().SearchAsync(
                new FindingFilter { RepositoryId = repositoryId, PathContains = "Module3" }, new FindingPageRequest())),
            ("finding detail with history", sp => sp.GetRequiredService<IFindingQueryService>().GetAsync(findingId)),
        };

        Console.WriteLine();
        Console.WriteLine($"| {provider}, {perRepository * repositories:N0} findings / {repositories} repositories | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, run) in queries)
        {
            var times = new List<double>();
            for (var i = 0; i < Warmup + Iterations; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var stopwatch = Stopwatch.StartNew();
                await run(scope.ServiceProvider);
                if (i >= Warmup) times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"| {name} | {Percentile(times, 0.50):F0} | {Percentile(times, 0.95):F0} | {times[^1]:F0} |");
        }

        return 0;
    }

    /// <summary>Fills the database through the real ingestion path: one upload of findings / repositories results per repository.</summary>
    internal static async Task FillAsync(IServiceProvider services, DatabaseProvider provider, int findings, int repositories)
    {
        var perRepository = findings / repositories;
        var fill = Stopwatch.StartNew();
        for (var r = 0; r < repositories; r++)
        {
            var bytes = SyntheticSarif.ToBytes(IngestBenchmark.Generate(perRepository, "repo" + r, seed: r), ruleDescriptors: 50);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IRunIngestionService>().IngestAsync(new IngestionRequest
            {
                Repository = $"contoso/repo{r}",
                Commit = "c" + r,
                Branch = "main",
                BuildId = "1",
                Sarif = [new MemoryStream(bytes)],
            });
        }

        Console.WriteLine($"filled {provider}: {perRepository * repositories:N0} findings in {repositories} repositories in {fill.Elapsed.TotalSeconds:F0} s");
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
