using System.Diagnostics;

namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>
/// Packs ShiftLeft.Build once per test run into a temporary feed with a unique prerelease version, and gives the
/// fixture builds a private NuGet cache (falling back to the machine's cache for other packages), so a stale
/// ShiftLeft.Build from an earlier run can never be restored.
/// </summary>
public sealed class PackedPackageFixture : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public PackedPackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "shiftleft-build-it", Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-it.g" + Guid.NewGuid().ToString("N");
        var project = Path.Combine(RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "ShiftLeft.Build.csproj");
        // --no-build: the test project references the task project, so it is already built in this configuration.
        var pack = Run(Root, $"pack \"{project}\" -c {Configuration} --no-build -o \"{Feed}\" -p:PackageVersion={Version} -nodeReuse:false");
        if (pack.ExitCode != 0 || !File.Exists(Path.Combine(Feed, $"ShiftLeft.Build.{Version}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string Version { get; }

    /// <summary>The folder holding ShiftLeft.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs the dotnet CLI with a clean MSBuild environment (no inherited SDK paths, no node reuse).</summary>
    public DotnetResult Run(string workingDirectory, string arguments, int timeoutSeconds = 240)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NUGET_PACKAGES"] = Packages;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {arguments} did not finish in {timeoutSeconds}s");
        }

        return new DotnetResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Writes what makes a temp folder an isolated repository consuming the packed package.</summary>
    public void WriteBuildScaffolding(TestRepository repository)
    {
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        repository.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="shiftleft-test-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        // Stop MSBuild's upward search: nothing from the test machine's folders may leak into the fixture.
        repository.Write("Directory.Build.props", "<Project />").Write("Directory.Build.targets", "<Project />").Write("Directory.Packages.props", "<Project />");
        repository.Write(".git/HEAD", "ref: refs/heads/main\n").Write(".git/refs/heads/main", "0123456789abcdef0123456789abcdef01234567\n");
    }

    /// <summary>A net10.0 class library referencing the packed ShiftLeft.Build (plus optional packages).</summary>
    public string ProjectXml(params string[] packages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ShiftLeft.Build" Version="{Version}" />
        {string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p.Split('/')[0]}\" Version=\"{p.Split('/')[1]}\" />\n"))}  </ItemGroup>
          <!-- Shows what later targets see of the gate's outputs. -->
          <Target Name="ShowShiftLeftReport" AfterTargets="Build">
            <Message Importance="high" Text="report-item=@(ShiftLeftEvidenceReport) report-path=$(ShiftLeftEvidenceReportPath)" />
          </Target>
        </Project>
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a lingering build process may hold a file.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShiftLeft.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ShiftLeft.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Exit code and combined output of a dotnet CLI run.</summary>
public sealed record DotnetResult(int ExitCode, string Output)
{
    private static readonly System.Text.RegularExpressions.Regex DiagnosticLine = new(
        @"^[ \t]*(?:\d+>)?(?<file>[^\s(][^(\r\n]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<code>[A-Z]+\d+): (?<message>.*?)(?: \[(?<project>[^\]]+)\])?$",
        System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>Distinct MSBuild diagnostics of the run (the summary repeats them).</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics => DiagnosticLine.Matches(Output)
        .Select(m => new BuildDiagnostic(m.Groups["file"].Value.Trim(), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value, m.Groups["code"].Value, m.Groups["message"].Value.Trim(), m.Groups["project"].Value))
        .Distinct()
        .ToList();

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>One parsed "file(line,col): error CODE: message [project]" line.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message, string Project);

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed ShiftLeft.Build package";
}
