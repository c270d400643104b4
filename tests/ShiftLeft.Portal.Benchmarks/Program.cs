using BenchmarkDotNet.Running;
using ShiftLeft.Portal.Benchmarks;

// dotnet run -c Release --project tests/ShiftLeft.Portal.Benchmarks -- <command>
//   ingest [results=1000000] [sqlite|postgres]   ingest throughput vs the floor, and peak memory (each measurement in its own process)
//   query [findings=1000000] [repositories=500] [sqlite|postgres]   overview / grid latency percentiles
//   render [findings=1000000] [repositories=500] [sqlite|postgres]  the Overview page's server render (GET / on the real portal)
//   micro                                         BenchmarkDotNet micro-benchmarks (fingerprints, redaction)
//   child <measurement> …                         internal: one measurement, prints one JSON line
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "query" => await QueryBenchmark.RunAsync(args[1..]),
    "render" => await RenderBenchmark.RunAsync(args[1..]),
    "child" => await IngestBenchmark.ChildAsync(args[1..]),
    "micro" => Micro(args[1..]),
    _ => Usage(),
};

static int Micro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: ingest [results] [sqlite|postgres] | query|render [findings] [repositories] [sqlite|postgres] | micro");
    return 2;
}
