// Usage (one restored project per test class, shared by its tests, which xunit runs one after another):
//   public sealed class MyTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
//   await project.InitializeAsync();                                  // restore once (the fixture does it)
//   var output = await project.BuildAsync(files, editorConfig);       // real `dotnet build --no-restore -warnaserror`
//   var run = await project.RunEntryAsync();                          // App.Entry.RunAsync() of the build, in-process (RunReport)
// The project lives under a temp folder: net10.0, <Nullable>enable</Nullable>, ImplicitUsings, the real SDK packages
// of Packages, and the ShiftLeft analyzers of this build as an analyzer, so a build fails on any SL finding left or
// introduced as well as on any compiler or SDK-analyzer warning. Sources of the harness (RealBuild/Harness/*.cs: a
// test-double IChatClient and a recording logger provider) are part of every build.
using ShiftLeft.Analyzers.ModelCalls;

namespace ShiftLeft.Analyzers.Tests.Verification.RealBuild;

public class ThrowawayProject : IAsyncLifetime
{
    /// <summary>The SDK packages every throwaway project references (the versions the fixes are checked against).</summary>
    public static readonly (string Id, string Version)[] Packages =
    [
        ("Microsoft.Extensions.AI", "11.0.0"),
        ("Microsoft.Extensions.AI.OpenAI", "11.0.0"),
        ("OpenAI", "2.15.0"),
        ("Microsoft.SemanticKernel.Core", "1.82.0"),
        ("Microsoft.Extensions.Hosting", "11.0.0"),
        ("Microsoft.Extensions.Compliance.Redaction", "11.0.0"),
    ];

    /// <summary>Packages a test class needs beyond <see cref="Packages"/> (a database provider, a UI framework): override in a fixture of its own.</summary>
    protected virtual IEnumerable<(string Id, string Version)> ExtraPackages => [];

    /// <summary>Preview APIs of the SDKs are [Experimental]; real projects opt in the same way.</summary>
    private const string ExperimentalApis = "OPENAI001;MEAI001;SKEXP0001;SKEXP0010";

    private const string ProjectName = "FixedApp";
    private const string SourceFolder = "src";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("shiftleft-fixes-");

    public string Folder => _root.FullName;

    /// <summary>The compile references of the restored project (framework reference pack and packages), for in-memory fixing.</summary>
    public IReadOnlyList<string> References { get; private set; } = [];

    /// <summary>The project's global usings (ImplicitUsings), as a source file.</summary>
    public string GlobalUsings { get; private set; } = string.Empty;

    public string AssemblyPath => Path.Combine(Folder, "bin", "Debug", "net10.0", ProjectName + ".dll");

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Folder, ProjectName + ".csproj"), ProjectFile());
        // Stop MSBuild from importing anything above the temp folder.
        File.WriteAllText(Path.Combine(Folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Folder, "Directory.Packages.props"), "<Project />");
        CopyHarness();

        await DotnetAsync(["msbuild", "-restore", "-t:WriteReferenceList", "-nologo", "-v:q"]);
        References = File.ReadAllLines(Path.Combine(Folder, "references.txt")).Where(line => line.Length > 0).ToList();
        GlobalUsings = string.Concat(File.ReadAllLines(Path.Combine(Folder, "usings.txt"))
            .Where(line => line.Length > 0)
            .Select(line => $"global using global::{line};\n"));
    }

    /// <summary>Replaces the project's sources with <paramref name="files"/> (name → text) and builds it for real (<paramref name="properties"/>: extra <c>-p:</c> arguments).</summary>
    public async Task<string> BuildAsync(IReadOnlyDictionary<string, string> files, string? editorConfig = null, params string[] properties)
    {
        var source = Path.Combine(Folder, SourceFolder);
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        Directory.CreateDirectory(source);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(source, name), text);
        }

        File.WriteAllText(Path.Combine(Folder, ".editorconfig"), $"root = true\n\n[*.cs]\n{editorConfig}\n");
        return await DotnetAsync(["build", "--no-restore", "-warnaserror", "-nologo", "-v:q", "-clp:NoSummary", .. properties.Select(property => "-p:" + property)]);
    }

    /// <summary>
    /// Runs <c>App.Entry.RunAsync()</c> of the last build in this process (see <see cref="BuiltAssembly"/>): the entry
    /// wires the fixed code to the harness and returns <c>LogRecorder.Report(result)</c>.
    /// </summary>
    public async Task<RunReport> RunEntryAsync() => RunReport.Parse(await BuiltAssembly.RunAsync(AssemblyPath, "App.Entry", "RunAsync"));

    /// <summary>Source files by name, for <see cref="BuildAsync"/> and <see cref="FixApplication"/>.</summary>
    public static IReadOnlyDictionary<string, string> Files(params (string Name, string Text)[] files) =>
        files.ToDictionary(file => file.Name, file => file.Text);

    public Task DisposeAsync()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A build node may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }

        return Task.CompletedTask;
    }

    private string ProjectFile()
    {
        var analyzer = typeof(ModelCallAnalyzer).Assembly.Location;
        var packages = string.Concat(Packages.Concat(ExtraPackages).Select(package => $"    <PackageReference Include=\"{package.Id}\" Version=\"{package.Version}\" />\n"));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <!-- Package assemblies are copied beside the build, so the tests can load and run it in-process. -->
                <EnableDynamicLoading>true</EnableDynamicLoading>
                <NoWarn>$(NoWarn);{ExperimentalApis}</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {packages}  </ItemGroup>
              <ItemGroup>
                <Analyzer Include="{analyzer}" />
              </ItemGroup>
              <Target Name="WriteReferenceList" DependsOnTargets="ResolveAssemblyReferences">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/references.txt" Lines="@(ReferencePath)" Overwrite="true" />
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/usings.txt" Lines="@(Using)" Overwrite="true" />
              </Target>
            </Project>
            """;
    }

    private void CopyHarness()
    {
        var target = Directory.CreateDirectory(Path.Combine(Folder, "harness"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "RealBuildHarness"), "*.cs"))
        {
            File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The harness sources, for in-memory compilations that must see the same types as the real build.</summary>
    public IReadOnlyDictionary<string, string> HarnessSources() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "harness"), "*.cs")
            .ToDictionary(path => "harness/" + Path.GetFileName(path), File.ReadAllText);

    private Task<string> DotnetAsync(string[] arguments) => Dotnet.RunAsync(arguments, Folder);
}
