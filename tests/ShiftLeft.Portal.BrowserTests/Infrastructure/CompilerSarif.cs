using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>One result of the compiler's SARIF as the tests expect the portal to show it.</summary>
public sealed record ExpectedFinding(string RuleId, string Level, string Message, string RelativePath, int StartLine, bool Suppressed);

/// <summary>
/// Produces a real SARIF 2.1.0 log by running the SDK's own C# compiler (csc.dll, with NetAnalyzers) over the sample
/// repository copied to a temp folder, exactly as `dotnet build -p:ErrorLog=…,version=2.1` would write it: absolute
/// file URIs, no fingerprints, results before the rule catalogue.
/// </summary>
public static class CompilerSarif
{
    /// <summary>Compiles <paramref name="workDirectory"/>/src/**/*.cs in place and returns the SARIF and what it reports.</summary>
    public static async Task<(string SarifPath, IReadOnlyList<ExpectedFinding> Findings)> CompileAsync(string workDirectory)
    {
        var dotnetRoot = Path.GetDirectoryName(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'))!; // …/shared/Microsoft.NETCore.App/<v>
        dotnetRoot = Path.GetFullPath(Path.Combine(dotnetRoot, "..", ".."));
        var sdk = Directory.GetDirectories(Path.Combine(dotnetRoot, "sdk")).OrderByDescending(d => d, StringComparer.Ordinal).First();
        var refPack = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderByDescending(d => d, StringComparer.Ordinal).First();
        var references = Directory.GetFiles(Path.Combine(refPack, "ref", "net10.0"), "*.dll");
        var sarifPath = Path.Combine(workDirectory, "build.sarif");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"), "-nologo", "-t:library",
                     "-out:" + Path.Combine(workDirectory, "Contoso.dll"),
                     "-analyzer:" + Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers", "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
                     "-analyzerconfig:" + Path.Combine(workDirectory, ".globalconfig"),
                     "-warnaserror:CS0219", // two real "error" level results
                     $"-errorlog:{sarifPath},version=2.1",
                     "-recurse:" + Path.Combine(workDirectory, "src", "*.cs"),
                 })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var reference in references) start.ArgumentList.Add("-r:" + reference);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (!File.Exists(sarifPath))
            throw new InvalidOperationException($"The compiler wrote no SARIF (exit {process.ExitCode}):\n{await output}\n{await error}");
        return (sarifPath, ReadExpected(sarifPath, workDirectory));
    }

    /// <summary>What the SARIF says, read independently of the portal so the tests compare against the source of truth.</summary>
    public static IReadOnlyList<ExpectedFinding> ReadExpected(string sarifPath, string repositoryRoot)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(sarifPath));
        var root = new Uri(Path.TrimEndingDirectorySeparator(repositoryRoot) + "/");
        var findings = new List<ExpectedFinding>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var uri = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                findings.Add(new ExpectedFinding(
                    result.GetProperty("ruleId").GetString()!,
                    result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                    result.GetProperty("message").GetProperty("text").GetString()!,
                    Uri.UnescapeDataString(root.MakeRelativeUri(uri).ToString()),
                    physical.GetProperty("region").GetProperty("startLine").GetInt32(),
                    result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0));
            }
        }
        return findings;
    }

    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
