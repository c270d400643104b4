using System.Text.RegularExpressions;
using ShiftLeft.Build.Publishing;
using ShiftLeft.Build.Tests.Infrastructure;
using ShiftLeft.Build.Tests.Integration;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>Every publishing property is documented in the guide's property table, and every publishing diagnostic has its page.</summary>
public sealed class PublishingDocumentationTests
{
    private static readonly string Build = Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "build");

    [Fact]
    public void Every_property_the_publishing_files_read_is_in_the_property_table()
    {
        var files = File.ReadAllText(Path.Combine(Build, "ShiftLeft.Build.Publish.targets")) + File.ReadAllText(Path.Combine(Build, "ShiftLeft.Build.Publisher.proj"))
            + PublishingBuildTests.SolutionHook();
        var guide = File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "docs", "evidence-gate.md"));
        var properties = Regex.Matches(files, @"\$\((ShiftLeft[A-Za-z]+)\)").Select(m => m.Groups[1].Value)
            .Concat(PublishSettings.Properties.Keys)
            .Distinct()
            .Where(p => p is not ("ShiftLeftBuildTasksAssembly" or "ShiftLeftPublishRecords" or "ShiftLeftPublishSolution"))
            .ToList();

        Assert.Contains("ShiftLeftPortalUrl", properties);
        Assert.Contains("ShiftLeftPublishDirectory", properties);
        Assert.All(properties, p => Assert.Contains($"| `{p}` |", guide, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Publisher.UploadFailed)]
    [InlineData(Publisher.InputProblem)]
    public void Each_publishing_diagnostic_has_its_page(string id)
    {
        var page = File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "docs", "rules", id + ".md"));
        Assert.StartsWith("# " + id + " — ", page, StringComparison.Ordinal);
        Assert.Contains("## How to fix", page, StringComparison.Ordinal);
        Assert.Equal($"https://shiftleft-dotnet.github.io/shiftleft/rules/{id}.html", DocumentationLinks.Rule(id));
    }
}
