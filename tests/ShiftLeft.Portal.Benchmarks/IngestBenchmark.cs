using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>
/// Ingest throughput of the portal against the floor measured in the same run on the same file and database kind:
/// the floor streams the SARIF with System.Text.Json (Utf8JsonReader), computes the same fingerprints and inserts one
/// row per result into the same Findings table with a prepared statement (SQLite) or one binary COPY (PostgreSQL).
/// Each measurement runs in its own process so its peak working set is its own.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var results = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var provider = BenchmarkDatabase.Parse(args.ElementAtOrDefault(1));
        // Every scenario twice: on a fresh database, and after ANALYZE of one already holding this many findings of other repositories.
        var background = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var file = Path.Combine(Path.GetTempPath(), $"shiftleft-bench-{results}.sarif");
        var stopwatch = Stopwatch.StartNew();
        await using (var output = File.Create(file)) SyntheticSarif.Write(output, Generate(results));
        Console.WriteLine($"generated {results:N0} compiler-shaped results, {new FileInfo(file).Length / 1e6:F0} MB, in {stopwatch.Elapsed.TotalSeconds:F1} s: {file}");
        // The next commit of the same code with half of the findings fixed: the same first half, in the same order.
        await using (var output = File.Create(HalfOf(file))) SyntheticSarif.Write(output, Generate(results / 2));

        var measurements = new List<JsonElement>();
        // The floor needs no background: it is the yardstick for the fresh database, and the question for the other
        // one is whether the portal stays as fast there.
        (string, int)[] runs = background > 0
            ? [("floor", 0), ("portal", 0), ("portal", background), ("portal-reimport", 0), ("portal-reimport", background), ("portal-fixes", 0), ("portal-fixes", background)]
            : [("floor", 0), ("portal", 0), ("portal-reimport", 0), ("portal-fixes", 0)];
        foreach (var (measurement, others) in runs)
        {
            var self = Environment.ProcessPath!;
            var dll = typeof(IngestBenchmark).Assembly.Location;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (!self.EndsWith("ShiftLeft.Portal.Benchmarks", StringComparison.Ordinal)) start.ArgumentList.Add(dll);
            foreach (var a in new[] { "child", measurement, provider.ToString(), file, others.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
            using var child = Process.Start(start)!;
            var line = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) throw new InvalidOperationException($"{measurement} failed: {line}");
            var json = JsonDocument.Parse(line).RootElement;
            measurements.Add(json);
            Console.WriteLine(line);
        }

        File.Delete(file);
        File.Delete(HalfOf(file));
        var floor = measurements[0].GetProperty("perSecond").GetDouble();
        Console.WriteLine();
        Console.WriteLine($"| {provider} | database | results | seconds | results/s | % of floor | process peak working set | of which the upload (peak − before) | managed heap peak |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in measurements)
        {
            var others = m.GetProperty("otherFindings").GetInt32();
            Console.WriteLine($"| {m.GetProperty("measurement").GetString()} | {(others == 0 ? "fresh" : $"{others:N0} other findings, ANALYZEd")} | {m.GetProperty("results").GetInt32():N0} | {m.GetProperty("seconds").GetDouble():F1} | " +
                $"{m.GetProperty("perSecond").GetDouble():N0} | {100 * m.GetProperty("perSecond").GetDouble() / floor:F0} % | {m.GetProperty("peakMB").GetDouble():F0} MB | " +
                $"{m.GetProperty("uploadPeakMB").GetDouble():F0} MB | {m.GetProperty("managedHeapPeakMB").GetDouble():F0} MB |");
        }

        return 0;
    }

    private static string HalfOf(string file) => Path.ChangeExtension(file, ".half.sarif");

    /// <summary>Compiler-shaped results: 4 ShiftLeft rules and 2 compiler rules over 2,000 files, 5 % suppressed, distinct member names.</summary>
    internal static IEnumerable<SyntheticResult> Generate(int count, string repositoryFolder = "bench", int seed = 0)
    {
        string[] rules = ["SL0001", "SL0002", "SL0003", "SL0004", "CS8602", "CA1822"];
        for (var i = 0; i < count; i++)
        {
            var rule = rules[(i + seed) % rules.Length];
            yield return new SyntheticResult(
                rule,
                $"Member 'Handler{i}.Process' calls the model without the required control ({rule})",
                $"file:///home/runner/work/{repositoryFolder}/{repositoryFolder}/src/Module{i % 40}/File{i % 2000}.cs",
                10 + (i % 500),
                Level: i % 10 == 0 ? "error" : i % 7 == 0 ? "note" : "warning",
                Suppressed: i % 20 == 0,
                Justification: i % 40 == 0 ? "Reviewed by the AI board" : null);
        }
    }

    public static async Task<int> ChildAsync(string[] args)
    {
        var (measurement, provider, file) = (args[0], BenchmarkDatabase.Parse(args[1]), args[2]);
        var others = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        if (Environment.GetEnvironmentVariable("SHIFTLEFT_BENCH_SQL_LOG") == "1")
        {
            // Every PostgreSQL statement with its duration, on stderr (stdout carries the result line): which statement a slow run spent its time in.
            NpgsqlLoggingConfiguration.InitializeLogging(LoggerFactory.Create(logging => logging
                .AddFilter((category, level) => category == "Npgsql.Command" && level >= LogLevel.Information)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)));
        }
        await using var database = await BenchmarkDatabase.CreateAsync(provider);
        var portal = new PortalDatabase(provider, database.ConnectionString);
        await portal.MigrateAsync();
        await BackgroundFindings.FillAsync(portal, others);
        int results;
        TimeSpan elapsed;
        MemorySampler sampler;
        if (measurement == "floor")
        {
            sampler = MemorySampler.Start();
            (results, elapsed) = await FloorAsync(portal, file);
        }
        else
        {
            var services = Services(database);
            await using var scope = services.CreateAsyncScope();
            var ingestion = scope.ServiceProvider.GetRequiredService<IRunIngestionService>();
            if (measurement is "portal-reimport" or "portal-fixes") await IngestAsync(ingestion, file, "c0");
            sampler = MemorySampler.Start();
            var stopwatch = Stopwatch.StartNew();
            var result = await IngestAsync(ingestion, measurement == "portal-fixes" ? HalfOf(file) : file, "c1");
            elapsed = stopwatch.Elapsed;
            results = result.Results;
            if (measurement is "portal-reimport" or "portal-fixes" && result.Unchanged + result.Suppressed != results) throw new InvalidOperationException("re-import did not match every finding");
            if (measurement == "portal-fixes" && result.Fixed == 0) throw new InvalidOperationException("the half upload fixed nothing");
        }

        var (baseline, peakDelta, peakHeap) = sampler.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            measurement,
            provider = provider.ToString(),
            otherFindings = others,
            results,
            seconds = Math.Round(elapsed.TotalSeconds, 2),
            perSecond = Math.Round(results / elapsed.TotalSeconds),
            peakMB = Math.Round(self.PeakWorkingSet64 / 1048576.0),
            baselineMB = Math.Round(baseline / 1048576.0),
            uploadPeakMB = Math.Round(peakDelta / 1048576.0),
            managedHeapPeakMB = Math.Round(peakHeap / 1048576.0),
        }));
        return 0;
    }

    internal static ServiceProvider Services(BenchmarkDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = database.Provider.ToString(),
            ["Portal:Database:ConnectionString"] = database.ConnectionString,
            ["Portal:Ingestion:MaxResults"] = "10000000",
            ["Portal:Ingestion:MaxSarifBytes"] = "20000000000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalCore(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<IngestionResult> IngestAsync(IRunIngestionService ingestion, string file, string commit)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return await ingestion.IngestAsync(new IngestionRequest { Repository = "contoso/bench", Commit = commit, Branch = "main", BuildId = "1", Sarif = [stream] });
    }

    /// <summary>The floor: the least work that streams, fingerprints and stores every result in the same table.</summary>
    private static async Task<(int, TimeSpan)> FloorAsync(PortalDatabase database, string file)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                INSERT INTO "Repositories" ("Id", "Name", "CanonicalName", "DefaultBranch", "CreatedAt") VALUES (1, 'contoso/bench', 'contoso/bench', 'main', '2026-01-01');
                INSERT INTO "Runs" ("Id", "RepositoryId", "Branch", "Commit", "BuildId", "ReceivedAt", "HasSarif", "HasEvidence", "ResultCount", "NewCount",
                    "UnchangedCount", "FixedCount", "ReintroducedCount", "SuppressedCount", "OpenCountAfter", "DurationMs")
                VALUES (1, 1, 'main', 'c', 'b', '2026-01-01', TRUE, FALSE, 0, 0, 0, 0, 0, 0, 0, 0);
                """;
            await setup.ExecuteNonQueryAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        var fingerprints = new Fingerprints();
        var paths = new RepositoryPaths("contoso/bench", null);
        var now = DateTime.UtcNow;
        var count = 0;
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var json = new JsonStreamReader(stream, 1 << 20, 64);
        if (connection is SqliteConnection sqlite)
        {
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = $"INSERT INTO \"Findings\" ({RunRowWriter.FindingColumns}) VALUES ({string.Join(", ", Enumerable.Range(0, 26).Select(i => "$p" + i))})";
            var p = Enumerable.Range(0, 26).Select(i => insert.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value))).ToArray();
            insert.Prepare();
            new SarifStreamParser(json, int.MaxValue, r =>
            {
                var path = paths.Normalize(r.Uri, r.Index);
                var key = fingerprints.Compute(r.RuleId!, path, r.Snippet, r.Message!);
                p[0].Value = ++count; p[1].Value = 1; p[2].Value = "main"; p[3].Value = key.ToHex(); p[4].Value = r.RuleId; p[5].Value = (int)r.Severity;
                p[6].Value = DBNull.Value; p[7].Value = r.Message; p[8].Value = path; p[9].Value = r.StartLine; p[10].Value = r.StartColumn; p[11].Value = r.EndLine;
                p[12].Value = r.EndColumn; p[13].Value = DBNull.Value; p[14].Value = 0; p[15].Value = r.IsSuppressed; p[16].Value = (object?)r.SuppressionKind ?? DBNull.Value;
                p[17].Value = (object?)r.Justification ?? DBNull.Value; p[18].Value = 0; p[19].Value = DBNull.Value; p[20].Value = !r.IsSuppressed;
                p[21].Value = 1; p[22].Value = 1; p[23].Value = now; p[24].Value = now; p[25].Value = true;
                insert.ExecuteNonQuery();
            }).Parse();
        }
        else
        {
            var npgsql = (NpgsqlConnection)connection;
            await using var copy = await npgsql.BeginBinaryImportAsync($"COPY \"Findings\" ({RunRowWriter.FindingColumns}) FROM STDIN (FORMAT BINARY)");
            new SarifStreamParser(json, int.MaxValue, r =>
            {
                var path = paths.Normalize(r.Uri, r.Index);
                var key = fingerprints.Compute(r.RuleId!, path, r.Snippet, r.Message!);
                copy.StartRow();
                copy.Write((long)++count, NpgsqlDbType.Bigint); copy.Write(1L, NpgsqlDbType.Bigint); copy.Write("main", NpgsqlDbType.Varchar);
                copy.Write(key.ToHex(), NpgsqlDbType.Varchar); copy.Write(r.RuleId!, NpgsqlDbType.Varchar); copy.Write((int)r.Severity, NpgsqlDbType.Integer);
                copy.WriteNull(); copy.Write(r.Message!, NpgsqlDbType.Text); copy.Write(path, NpgsqlDbType.Varchar);
                copy.Write(r.StartLine, NpgsqlDbType.Integer); copy.Write(r.StartColumn, NpgsqlDbType.Integer); copy.Write(r.EndLine, NpgsqlDbType.Integer);
                copy.Write(r.EndColumn, NpgsqlDbType.Integer); copy.WriteNull(); copy.Write(0, NpgsqlDbType.Integer); copy.Write(r.IsSuppressed, NpgsqlDbType.Boolean);
                if (r.SuppressionKind is null) copy.WriteNull(); else copy.Write(r.SuppressionKind, NpgsqlDbType.Varchar);
                if (r.Justification is null) copy.WriteNull(); else copy.Write(r.Justification, NpgsqlDbType.Text);
                copy.Write(0, NpgsqlDbType.Integer); copy.WriteNull(); copy.Write(!r.IsSuppressed, NpgsqlDbType.Boolean);
                copy.Write(1L, NpgsqlDbType.Bigint); copy.Write(1L, NpgsqlDbType.Bigint); copy.Write(now, NpgsqlDbType.TimestampTz); copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(true, NpgsqlDbType.Boolean);
            }).Parse();
            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        return (count, stopwatch.Elapsed);
    }
}
