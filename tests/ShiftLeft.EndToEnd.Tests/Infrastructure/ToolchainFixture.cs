using System.Globalization;
using System.Text.RegularExpressions;
using ShiftLeft.Portal.BrowserTests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Once per test run: packs the shiftleft tool — and with it ShiftLeft.Analyzers and ShiftLeft.Build, same unique
/// version — into one feed, gives the builds a private NuGet cache (falling back to the machine's for the SDK packages,
/// so no stale ShiftLeft package is ever restored), and starts the real portal on a fresh SQLite database with a first
/// administrator and an ingestion token made by the portal's own operator command.
/// </summary>
public sealed partial class ToolchainFixture : IAsyncLifetime
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
    public const string AdminEmail = "lead@contoso.test";
    public const string Password = "Correct-Horse-Battery-9";

    public string Root { get; } = Directory.CreateTempSubdirectory("shiftleft-e2e-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public string Version { get; } = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public PortalProcess Portal { get; private set; } = null!;

    public PortalClient Api { get; private set; } = null!;

    /// <summary>The ingestion token's file, owner-only, as the operator command wrote it.</summary>
    public string TokenFile => Path.Combine(Root, "ingestion-token");

    /// <summary>The folder holding ShiftLeft.sln (recorded at build time).</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>NuGet settings for a repository built by the tests: the feed, the public registry, the machine's packages.</summary>
    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="shiftleft-e2e" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{MachinePackages}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    /// <summary>The environment of every build the tests run: the private package cache.</summary>
    public IReadOnlyDictionary<string, string?> BuildEnvironment => new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages };

    private static string MachinePackages => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var starting = PortalProcess.StartAsync(TimeSpan.FromSeconds(120));
        // --no-build: the test project references the tool, so it and the two packages it carries are built already.
        var pack = Processes.Run("dotnet", ["pack", Path.Combine(RepositoryRoot, "cli", "ShiftLeft.Cli", "ShiftLeft.Cli.csproj"), "-c", Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo"], RepositoryRoot, timeoutSeconds: 600);
        var bundled = Path.Combine(RepositoryRoot, "cli", "ShiftLeft.Cli", "obj", Configuration, "net10.0", "feed");
        foreach (var id in new[] { "ShiftLeft.Analyzers", "ShiftLeft.Build" })
        {
            var package = Path.Combine(bundled, $"{id}.{Version}.nupkg");
            if (pack.ExitCode != 0 || !File.Exists(package))
            {
                throw new InvalidOperationException("Packing the shiftleft tool failed:\n" + pack);
            }

            File.Copy(package, Path.Combine(Feed, Path.GetFileName(package)));
        }

        Portal = await starting;
        var code = (await Portal.WaitForConsoleAsync(SetupCode(), TimeSpan.FromSeconds(30))).Groups["code"].Value;
        Api = await PortalClient.SetUpAsync(Portal.BaseAddress, code, AdminEmail, Password);
        var token = OperatorCommand(["tokens", "create", "--name", "end-to-end tests", "--all-repositories", "--output", TokenFile]);
        if (token.ExitCode != 0 || !File.Exists(TokenFile))
        {
            throw new InvalidOperationException("The portal's tokens create command failed:\n" + token);
        }
    }

    /// <summary>Runs the portal with an operator command, on the test portal's database.</summary>
    public ProcessResult OperatorCommand(IEnumerable<string> arguments)
    {
        var assembly = Metadata("PortalAssembly");
        return Processes.Run("dotnet", [assembly, .. arguments], Path.GetDirectoryName(assembly)!, new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(Portal.DataDirectory, "portal.db")}",
            ["Logging__LogLevel__Default"] = "Warning",
        }, timeoutSeconds: 120);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS eventually.
        }
    }

    private static string Metadata(string key) =>
        typeof(ToolchainFixture).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [GeneratedRegex(@"/setup\?code=(?<code>[A-Za-z0-9_\-%]+)")]
    private static partial Regex SetupCode();
}

[CollectionDefinition(Name)]
public sealed class ToolchainCollection : ICollectionFixture<ToolchainFixture>
{
    public const string Name = "Packed toolchain and portal";
}
