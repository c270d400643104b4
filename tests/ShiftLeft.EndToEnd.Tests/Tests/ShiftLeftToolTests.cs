using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShiftLeft.EndToEnd.Tests.Tests;

/// <summary>
/// The shiftleft tool as a build engineer uses it: installed from its package, run on a repository that has never
/// heard of ShiftLeft (a copy of the ClaimsTriage sample without its ShiftLeft packages and hook, committed with every
/// file — no .gitignore — so even an ignored file written into it would show).
/// </summary>
[Collection(ToolchainCollection.Name)]
public sealed partial class ShiftLeftToolTests(ToolchainFixture toolchain, ITestOutputHelper output)
{
    private string InstallTool()
    {
        var tools = Path.Combine(toolchain.Root, "tools");
        if (!File.Exists(Path.Combine(tools, "shiftleft")))
        {
            var install = Processes.Run("dotnet", ["tool", "install", "ShiftLeft.Cli", "--tool-path", tools, "--add-source", toolchain.Feed, "--version", toolchain.Version], toolchain.Root, toolchain.BuildEnvironment, timeoutSeconds: 300);
            Assert.True(install.ExitCode == 0, install.ToString());
        }

        return Path.Combine(tools, "shiftleft");
    }

    /// <summary>ClaimsTriage as a customer's repository: its code, policy and evidence, no ShiftLeft anywhere.</summary>
    private string CustomerRepository(string name)
    {
        var root = Path.Combine(toolchain.Root, name);
        SampleRepository.Copy(Path.Combine(ToolchainFixture.RepositoryRoot, "samples", "ClaimsTriage"), root);
        File.Delete(Path.Combine(root, "Directory.Solution.targets"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), toolchain.NuGetConfig.Replace($"<add key=\"shiftleft-e2e\" value=\"{toolchain.Feed}\" />", "", StringComparison.Ordinal));
        var packages = File.ReadAllText(Path.Combine(root, "Directory.Packages.props"));
        packages = Regex.Replace(packages, @"\s*<!-- eng/demo.sh.*?</ShiftLeftBuildVersion>", "", RegexOptions.Singleline);
        packages = Regex.Replace(packages, @"\s*<!-- Every project.*?\(ShiftLeftBuildVersion\)"" />", "", RegexOptions.Singleline);
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), packages);
        var props = File.ReadAllText(Path.Combine(root, "Directory.Build.props"));
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), Regex.Replace(props, @"\s*<!-- This sample is one folder.*?</ShiftLeftSourceRoot>", "", RegexOptions.Singleline));
        Assert.DoesNotContain("ShiftLeft.", string.Concat(Directory.GetFiles(root, "*.props").Concat(Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories)).Select(File.ReadAllText)), StringComparison.Ordinal);
        Processes.Git(root, "init", "-q", "-b", "main");
        Processes.Git(root, "remote", "add", "origin", "https://github.com/fabrikam/claims-triage.git");
        Processes.Git(root, "add", "-A");
        Processes.Git(root, "commit", "-q", "-m", "claims triage");
        return root;
    }

    private ProcessResult Shiftleft(string tool, string workingDirectory, params string[] arguments) =>
        Processes.Run(tool, arguments, workingDirectory, new Dictionary<string, string?>(toolchain.BuildEnvironment)
        {
            ["SHIFTLEFT_TOKEN_FILE"] = toolchain.TokenFile,
            ["SHIFTLEFT_TOKEN"] = null,
            ["SHIFTLEFT_PORTAL_URL"] = null,
        }, timeoutSeconds: 600);

    [Fact]
    public async Task Scanning_an_unmodified_repository_changes_nothing_in_it_and_publishes_what_it_found()
    {
        var tool = InstallTool();
        var repository = CustomerRepository("fabrikam-claims");
        var results = Path.Combine(toolchain.Root, "scan-results");

        var scan = Shiftleft(tool, repository, "scan", "--output", results, "--publish", toolchain.Portal.BaseAddress.AbsoluteUri);
        output.WriteLine(scan.Output);

        Assert.Equal("", Processes.Git(repository, "status", "--porcelain", "--ignored"));
        Assert.True(scan.ExitCode == 1, "exit 1 = an evidence gate failed\n" + scan);
        Assert.Contains("claims-triage", scan.Output, StringComparison.Ordinal);
        Assert.Contains("(undeclared)", scan.Output, StringComparison.Ordinal);
        Assert.Matches(@"Status:\s+evidence gate failed", scan.Output);
        Assert.Matches(@"Published: fabrikam/claims-triage@main to .*, run \d+", scan.Output);

        // What it wrote: the findings the markers promise, the project-level SL0005, the gate's reasons; its evidence report.
        var found = BuildFindings.FromSarif(Path.Combine(results, "shiftleft.sarif"));
        Assert.Subset(found.Keys.ToHashSet(), BuildFindings.FromMarkers(repository).ToHashSet());
        Assert.Contains(new Finding("SL0005", "", 0), found.Keys);
        var report = JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(results, "evidence")))))!;
        var gate = report["diagnostics"]!.AsArray().Select(d => new Finding(d!["code"]!.GetValue<string>(), d["file"]!.GetValue<string>(), d["line"]!.GetValue<int>())).ToHashSet();
        Assert.NotEmpty(gate);
        Assert.Subset(found.Keys.ToHashSet(), gate);
        Assert.Equal("fabrikam/claims-triage", JsonNode.Parse(File.ReadAllText(Path.Combine(results, "publish.json")))!["repository"]!.GetValue<string>());

        // What the portal holds for it is exactly that.
        var id = await toolchain.Api.RepositoryIdAsync("fabrikam/claims-triage");
        var stored = await toolchain.Api.FindingsAsync(id, "main");
        Assert.Equal(found.Keys.Select(f => f.ToString()).Order(StringComparer.Ordinal), stored.Select(f => new Finding(f.RuleId, f.Path, f.Line).ToString()).Order(StringComparer.Ordinal));
        var systems = await toolchain.Api.AiSystemsAsync(id);
        Assert.False(systems["claims-triage"].GatePassed);

        // A scan again with nothing changed: the same results, nothing new stored, still nothing written into the repository.
        var again = Shiftleft(tool, repository, "scan", ".", "-o", results, "--publish", toolchain.Portal.BaseAddress.AbsoluteUri, "--fail-on", "never");
        output.WriteLine(again.Output);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already there: nothing new stored", again.Output, StringComparison.Ordinal);
        Assert.Equal("", Processes.Git(repository, "status", "--porcelain", "--ignored"));

        // Once the build tree has settled, an unchanged repository is not compiled again (the compiler would repeat its
        // warnings): the scan's own files must not look like new inputs. The first incremental build after a clean one
        // still compiles, because the gate imports the inputs list its first run writes after compiling.
        var settled = Shiftleft(tool, repository, "scan", "-o", results, "--fail-on", "never");
        Assert.True(settled.ExitCode == 0, settled.ToString());
        Assert.DoesNotContain("warning SL0001", File.ReadAllText(Path.Combine(results, "build.log")), StringComparison.Ordinal);
        Assert.Equal(found.Keys.Select(f => f.ToString()).Order(StringComparer.Ordinal), BuildFindings.FromSarif(Path.Combine(results, "shiftleft.sarif")).Keys.Select(f => f.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Wrong_arguments_exit_64_and_write_nothing_into_the_repository()
    {
        var tool = InstallTool();
        var repository = CustomerRepository("fabrikam-usage");

        var inside = Shiftleft(tool, repository, "scan", "--output", Path.Combine(repository, "results"));
        var nothing = Shiftleft(tool, Path.Combine(repository, "docs"), "scan");
        var unknown = Shiftleft(tool, repository, "scan", "--fail-on", "sometimes");

        Assert.Equal(64, inside.ExitCode);
        Assert.Contains("is inside the scanned repository", inside.Output, StringComparison.Ordinal);
        Assert.Equal(64, nothing.ExitCode);
        Assert.Contains("holds no solution or project file", nothing.Output, StringComparison.Ordinal);
        Assert.Equal(64, unknown.ExitCode);
        Assert.Equal("", Processes.Git(repository, "status", "--porcelain", "--ignored"));
    }
}
