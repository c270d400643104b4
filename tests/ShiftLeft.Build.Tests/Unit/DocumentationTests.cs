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

    /// <summary>
    /// Every URL on the documentation base in a static file — schemas, templates (the scaffolded shiftleft.json's
    /// comment included) — names a published page, schema or section that exists.
    /// </summary>
    [Fact]
    public void Documentation_urls_in_static_files_name_existing_pages_and_sections()
    {
        var files = Directory.GetFiles(Path.Combine(Docs, "schema"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build", "Templates")))
            .ToList();
        var urls = files.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"https://[^\s""'`)]+").Select(m => (File: f, Url: m.Value.TrimEnd('.', ',', ';', ':')))).ToList();

        Assert.Contains(urls, u => u.File.EndsWith("shiftleft.json", StringComparison.Ordinal) && u.Url == DocumentationBase + "evidence-gate.html");
        foreach (var (file, url) in urls.Where(u => !u.Url.StartsWith("https://json-schema.org/", StringComparison.Ordinal)))
        {
            Assert.True(url.StartsWith(DocumentationBase, StringComparison.Ordinal), $"{file}: {url} is not on the documentation base");
            AssertPublished(url.Substring(DocumentationBase.Length), file);
        }
    }

    /// <summary>
    /// A message of the gate never sends a user to a path of ShiftLeft's repository (docs/...): it names the published
    /// page through the generated DocumentationLinks class, and every guide section a message links exists.
    /// </summary>
    [Fact]
    public void Gate_messages_link_published_documentation_not_repository_paths()
    {
        var sources = Directory.GetFiles(Path.Combine(PackedPackageFixture.RepositoryRoot, "msbuild-tasks", "ShiftLeft.Build"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var offending = new List<string>();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                var isComment = line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("<!--", StringComparison.Ordinal) || line.StartsWith("*", StringComparison.Ordinal) || !line.Contains('"', StringComparison.Ordinal);
                if (!isComment && Regex.IsMatch(line, @"""[^""]*docs/(schema|rules)/|""[^""]*docs/[a-z-]+\.md"))
                {
                    offending.Add($"{Path.GetRelativePath(PackedPackageFixture.RepositoryRoot, file)}:{i + 1}: {line}");
                }
            }
        }

        Assert.True(offending.Count == 0, "repository paths in messages:\n" + string.Join("\n", offending));
        var sections = sources.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"GuideLinks\.EvidenceGate\(""([^""]+)""\)").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(sections);
        Assert.All(sections, s => AssertPublished("evidence-gate.html#" + s, "GuideLinks"));
    }

    /// <summary>
    /// Every node of the policy schema that can fail validation says what a value there must be (errorMessage, which
    /// the gate's SL1005 and VS Code's JSON editor both show); so do the hand-written evaluation and risk register.
    /// </summary>
    [Theory]
    [InlineData("shiftleft.schema.json")]
    [InlineData("shiftleft-evaluation.schema.json")]
    [InlineData("shiftleft-risk-register.schema.json")]
    public void Every_schema_node_that_can_fail_says_what_it_expects(string schema)
    {
        var keywords = new[] { "type", "pattern", "enum", "const", "minimum", "maximum", "minLength", "maxLength", "minItems", "required" };
        var missing = new List<string>();
        void Walk(System.Text.Json.JsonElement node, string pointer)
        {
            if (node.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return;
            }

            if (pointer.Length > 0 && keywords.Any(k => node.TryGetProperty(k, out _)) && !node.TryGetProperty("errorMessage", out _))
            {
                missing.Add(pointer);
            }

            foreach (var child in node.EnumerateObject())
            {
                if (child.Name is "properties" or "$defs")
                {
                    foreach (var entry in child.Value.EnumerateObject())
                    {
                        Walk(entry.Value, pointer + "/" + child.Name + "/" + entry.Name);
                    }
                }
                else
                {
                    Walk(child.Value, pointer + "/" + child.Name);
                }
            }
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Docs, "schema", schema)));
        Walk(document.RootElement, "#");
        Assert.True(document.RootElement.TryGetProperty("errorMessage", out _), "the root says what the file is");
        Assert.True(missing.Count == 0, "no errorMessage at: " + string.Join(", ", missing));
    }

    private static string DocumentationBase => Regex.Match(File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "Directory.Build.props")), "<ShiftLeftDocumentationUrl[^>]*>([^<]+)<").Groups[1].Value;

    // "evidence-gate.html#release-sign-off" is docs/evidence-gate.md with a heading "Release sign-off"; "schema/x.json" is docs/schema/x.json.
    private static void AssertPublished(string relative, string from)
    {
        var hash = relative.IndexOf('#');
        var page = hash < 0 ? relative : relative.Substring(0, hash);
        var source = Path.Combine(Docs, page.EndsWith(".html", StringComparison.Ordinal) ? page.Substring(0, page.Length - 5) + ".md" : page);
        Assert.True(File.Exists(source), $"{from}: {relative} names no file under docs/");
        if (hash >= 0)
        {
            var anchors = Regex.Matches(File.ReadAllText(source), @"^#{1,6} (.+)$", RegexOptions.Multiline)
                .Select(m => Regex.Replace(Regex.Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", string.Empty), " ", "-"))
                .ToHashSet();
            Assert.True(anchors.Contains(relative.Substring(hash + 1)), $"{from}: {relative} names no section of {page} (it has: {string.Join(", ", anchors)})");
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
