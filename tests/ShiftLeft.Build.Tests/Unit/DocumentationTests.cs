using System.Text.RegularExpressions;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>Every rule has its page and every MSBuild property the package reads is documented.</summary>
public sealed class DocumentationTests
{
    private static readonly string Docs = Path.Combine(PackedPackageFixture.RepositoryRoot, "docs");

    public static TheoryData<string> Rules() => new(RuleIds.All);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_has_a_page_its_help_link_points_to(string id)
    {
        var page = Path.Combine(Docs, "rules", id + ".md");
        Assert.True(File.Exists(page), page);
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + " — ", text, StringComparison.Ordinal);
        Assert.Contains("## How to fix", text, StringComparison.Ordinal);
        Assert.Equal($"https://shiftleft-dotnet.github.io/shiftleft/rules/{id}.html", RuleIds.HelpLink(id));
        Assert.Contains($"rules/{id}.md", File.ReadAllText(Path.Combine(Docs, "evidence-gate.md")), StringComparison.Ordinal);
    }

    /// <summary>Static files cannot read the generated DocumentationLinks class: they must agree with its base.</summary>
    [Fact]
    public void Schema_urls_in_schemas_and_templates_use_the_documentation_base()
    {
        var props = File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "Directory.Build.props"));
        var documentationBase = Regex.Match(props, "<ShiftLeftDocumentationUrl[^>]*>([^<]+)<").Groups[1].Value;
        Assert.Equal("https://shiftleft-dotnet.github.io/shiftleft/", documentationBase);
        var files = Directory.GetFiles(Path.Combine(Docs, "schema"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "Templates"), "*.json"));
        foreach (var file in files)
        {
            foreach (Match url in Regex.Matches(File.ReadAllText(file), "\"\\$(?:id|schema)\":\\s*\"([^\"]+)\""))
            {
                var value = url.Groups[1].Value;
                if (value.StartsWith("https://json-schema.org/", StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.StartsWith(documentationBase + "schema/", value, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Docs, "schema", value.Substring((documentationBase + "schema/").Length))), $"{file}: {value} names no file in docs/schema");
            }
        }
    }

    [Fact]
    public void Every_public_property_of_the_targets_is_documented()
    {
        var targets = File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "build", "ShiftLeft.Build.targets"))
            + File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "build", "ShiftLeft.Build.props"));
        var guide = File.ReadAllText(Path.Combine(Docs, "evidence-gate.md"));
        var properties = Regex.Matches(targets, @"\$\((ShiftLeft[A-Za-z]+)\)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("ShiftLeftEvidenceSeverity", properties);
        Assert.Contains("ShiftLeftPolicyPath", properties);
        Assert.All(properties, p => Assert.Contains($"| `{p}` |", guide, StringComparison.Ordinal));
        Assert.Contains("`ShiftLeftEvidenceReport`", guide, StringComparison.Ordinal);
    }
}
