using System.Runtime.InteropServices;
using System.Text.Json;
using ShiftLeft.Analyzers.Tests.Rules;
using ShiftLeft.Analyzers.Tests.Verification;
using Xunit.Abstractions;

namespace ShiftLeft.Analyzers.Tests.Integration;

/// <summary>
/// Packs the analyzers, builds a copy of samples/SupportAssistant with a real `dotnet build` against the packed
/// package, and checks the compiler's SARIF against the sample's `// expect:` markers: same (rule, file, line) set —
/// once with the rules the package gives this machine's compiler (precompiled on linux-x64) and once with the IL rules
/// (ShiftLeftReadyToRunAnalyzers=false).
/// </summary>
public sealed class SampleBuildTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Building_the_sample_with_the_packed_analyzers_reports_exactly_the_expected_findings_precompiled_or_not()
    {
        var work = Directory.CreateTempSubdirectory("shiftleft-sample-");
        try
        {
            // A unique prerelease version: NuGet's global folder never serves a stale package from an earlier run.
            var version = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            var feed = Path.Combine(work.FullName, "feed");
            var sample = Path.Combine(work.FullName, "SupportAssistant");
            var sarif = Path.Combine(work.FullName, "findings.sarif");

            var package = Path.Combine(RuleCatalogTests.RepositoryRoot(), "analyzers", "ShiftLeft.Analyzers.Package", "ShiftLeft.Analyzers.Package.csproj");
            await Dotnet.RunAsync(["pack", package, "-c", "Release", "-o", feed, $"-p:PackageVersion={version}", "-nologo", "-v", "q"], work.FullName);
            Assert.True(File.Exists(Path.Combine(feed, $"ShiftLeft.Analyzers.{version}.nupkg")), "dotnet pack produced no ShiftLeft.Analyzers package");

            CopySample(SampleApplication.Directory, sample);
            File.WriteAllText(Path.Combine(sample, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="shiftleft-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            var expected = SampleApplication.ExpectedFindings(sample);
            Assert.NotEmpty(expected);
            var precompiled = RuntimeInformation.RuntimeIdentifier == "linux-x64";
            foreach (var readyToRun in new[] { true, false })
            {
                // Normal verbosity: the log shows the compiler's command line, and with it which copy of the rules it loaded.
                var build = await Dotnet.RunAsync(["build", Path.Combine(sample, "SupportAssistant.csproj"), "-nologo", "-v", "n", "--no-incremental",
                    $"-p:ShiftLeftAnalyzersVersion={version}", $"-p:ShiftLeftReadyToRunAnalyzers={readyToRun}",
                    $"-p:ErrorLog={sarif}%2Cversion=2.1", "-p:UseSharedCompilation=false", "-nodeReuse:false"], sample);
                Assert.True(File.Exists(sarif), "the build wrote no SARIF log:\n" + build);
                Assert.Equal(readyToRun && precompiled, build.Contains("/readytorun/linux-x64/ShiftLeft.Analyzers.dll", StringComparison.Ordinal));
                Assert.Contains(readyToRun && precompiled ? "/readytorun/linux-x64/ShiftLeft.Analyzers.dll" : "/analyzers/dotnet/cs/ShiftLeft.Analyzers.dll", build, StringComparison.Ordinal);

                var actual = SarifFindings.Read(sarif, sample);
                output.WriteLine($"actual (ShiftLeftReadyToRunAnalyzers={readyToRun}):\n" + string.Join("\n", actual.OrderBy(finding => finding.ToString())));
                var missing = expected.Except(actual).Select(finding => finding.ToString()).Order().ToList();
                var unexpected = actual.Except(expected).Select(finding => finding.ToString()).Order().ToList();
                Assert.True(missing.Count == 0 && unexpected.Count == 0,
                    $"SARIF findings (ShiftLeftReadyToRunAnalyzers={readyToRun}) differ from the // expect: markers.\nMissing: {string.Join(", ", missing)}\nUnexpected: {string.Join(", ", unexpected)}");
                File.Delete(sarif);
            }
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }

    private static void CopySample(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (SampleApplication.IsBuildOutput(relative))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>Reads the compiler's SARIF 2.1: ShiftLeft results that are not suppressed, as sample-relative findings.</summary>
public static class SarifFindings
{
    public static IReadOnlySet<Finding> Read(string sarifPath, string sampleRoot)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(sarifPath));
        var findings = new HashSet<Finding>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var ruleId = result.GetProperty("ruleId").GetString() ?? string.Empty;
                var suppressed = result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0;
                if (!ruleId.StartsWith("SL", StringComparison.Ordinal) || suppressed)
                {
                    continue;
                }

                if (!result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0)
                {
                    findings.Add(new Finding(ruleId, string.Empty, 0));
                    continue;
                }

                var physical = locations[0].GetProperty("physicalLocation");
                var path = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                var line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
                findings.Add(new Finding(ruleId, SampleApplication.Normalize(Path.GetRelativePath(sampleRoot, path)), line));
            }
        }

        return findings;
    }
}
