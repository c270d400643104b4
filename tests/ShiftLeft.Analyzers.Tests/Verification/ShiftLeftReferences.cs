// Usage: the references test compilations use. REAL package assemblies only, never look-alike types.
//   ShiftLeftReferences.Net10                       // .NET 10 reference assemblies (Microsoft.NETCore.App.Ref 10.0.12)
//   ShiftLeftReferences.AllSdks                     // OpenAI, MEAI, SK, Azure.AI.Inference, OllamaSharp, logging,
//                                                   // Compliance, Identity.Core, Serilog (+ their dependencies)
//   ShiftLeftReferences.WithAspNetCore              // AllSdks + ASP.NET Core (controllers, minimal APIs, SignalR, Blazor)
//   ShiftLeftReferences.LoggingOnly                 // Microsoft.Extensions.Logging.Abstractions only (no AI SDK)
//   ShiftLeftReferences.Packages("OpenAI", ...)     // any subset, by package id (dependencies must be listed too)
// The assemblies are the compile references this test project restored (sdk-references.txt, written by the
// WriteSdkReferenceList target of the csproj), so versions are the central ones in Directory.Packages.props.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ShiftLeft.Analyzers.Tests.Verification;

public static class ShiftLeftReferences
{
    /// <summary>.NET 10 reference assemblies (the machine's runtime is 10.0.12).</summary>
    public static readonly ReferenceAssemblies Net10 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    private static readonly Lazy<ImmutableArray<(string PackageId, string Path)>> Restored = new(ReadList);

    private const string AspNetCoreId = "Microsoft.AspNetCore.App";

    /// <summary>Every restored package assembly except the test infrastructure (ASP.NET Core's shared framework is separate: <see cref="WithAspNetCore"/>).</summary>
    public static ImmutableArray<MetadataReference> AllSdks => Restored.Value.Where(entry => entry.PackageId != AspNetCoreId).Select(Create).ToImmutableArray();

    /// <summary><see cref="AllSdks"/> and ASP.NET Core's reference assemblies (Microsoft.AspNetCore.App.Ref, the version the SDK picks).</summary>
    public static ImmutableArray<MetadataReference> WithAspNetCore =>
        Restored.Value.Where(entry => entry.PackageId != AspNetCoreId || !Restored.Value.Any(other => other.PackageId != AspNetCoreId && Path.GetFileName(other.Path) == Path.GetFileName(entry.Path)))
            .Select(Create).ToImmutableArray();

    /// <summary>Logging abstractions and their dependencies, no AI SDK.</summary>
    public static ImmutableArray<MetadataReference> LoggingOnly => Packages(
        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions");

    public static ImmutableArray<MetadataReference> Packages(params string[] packageIds) =>
        Restored.Value.Where(entry => packageIds.Contains(entry.PackageId, StringComparer.OrdinalIgnoreCase)).Select(Create).ToImmutableArray();

    /// <summary>Paths of every restored SDK assembly (for the benchmark-style compilations built outside the test framework).</summary>
    public static IEnumerable<string> AllSdkPaths => Restored.Value.Select(entry => entry.Path);

    private static MetadataReference Create((string PackageId, string Path) entry) => MetadataReference.CreateFromFile(entry.Path);

    private static ImmutableArray<(string PackageId, string Path)> ReadList()
    {
        var listPath = Path.Combine(AppContext.BaseDirectory, "sdk-references.txt");
        if (!File.Exists(listPath))
        {
            throw new InvalidOperationException($"{listPath} is missing: build the test project with dotnet build (target WriteSdkReferenceList writes it).");
        }

        return File.ReadAllLines(listPath)
            .Select(line => line.Split('|', 2))
            .Where(parts => parts.Length == 2 && File.Exists(parts[1]))
            .Select(parts => (parts[0], parts[1]))
            .ToImmutableArray();
    }
}
