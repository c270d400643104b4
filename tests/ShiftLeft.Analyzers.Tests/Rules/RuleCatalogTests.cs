using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Tests.Rules;

/// <summary>Descriptors, docs and release tracking agree with the rule catalogue.</summary>
public sealed class RuleCatalogTests
{
    /// <summary>Catalogue entries some analyzer reports (a catalogued rule whose analyzer is still being written has no page yet).</summary>
    public static TheoryData<string> RuleIds() => new(RuleCatalog.All.Select(rule => rule.Id)
        .Where(id => AllAnalyzers().Any(analyzer => analyzer.SupportedDiagnostics.Any(descriptor => descriptor.Id == id))));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_a_doc_page_its_help_link_points_to(string id)
    {
        var rule = RuleCatalog.All.Single(descriptor => descriptor.Id == id);
        Assert.Equal($"https://shiftleft-dotnet.github.io/shiftleft/rules/{id}.html", rule.HelpLinkUri);
        var doc = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(doc), $"{doc} is missing: every rule needs its page");
        Assert.Contains(id, File.ReadAllText(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_any_analyzer_reports_comes_from_the_catalogue_and_points_at_an_existing_doc()
    {
        var analyzers = AllAnalyzers();
        Assert.NotEmpty(analyzers);
        foreach (var descriptor in analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics))
        {
            Assert.Contains(descriptor, RuleCatalog.All);
            // <base>rules/X.html is docs/rules/X.md published.
            var page = Path.GetFileNameWithoutExtension(new Uri(descriptor.HelpLinkUri).AbsolutePath) + ".md";
            Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "rules", page)), $"{descriptor.Id}: {descriptor.HelpLinkUri} points at a missing page");
        }
    }

    public static TheoryData<string, string[]> Taxonomies() => new()
    {
        { "SL0001", ["external/cwe/cwe-778", "external/eu-ai-act/art-12"] },
        { "SL0002", ["external/owasp-llm-2025/LLM01", "external/owasp-llm-2025/LLM05", "external/cwe/cwe-1427", "external/cwe/cwe-1426", "external/eu-ai-act/art-15"] },
        { "SL0003", ["external/owasp-llm-2025/LLM02", "external/cwe/cwe-532", "external/gdpr/art-5(1)(c)"] },
        { "SL0004", ["external/owasp-llm-2025/LLM02", "external/cwe/cwe-359", "external/gdpr/art-6", "external/gdpr/art-44"] },
        { "SL0005", [] },
        { "SL0006", ["external/owasp-llm-2025/LLM01", "external/cwe/cwe-1427"] },
        { "SL0007", ["external/owasp-llm-2025/LLM05", "external/cwe/cwe-89", "external/cwe/cwe-78", "external/cwe/cwe-79", "external/cwe/cwe-94", "external/cwe/cwe-22", "external/cwe/cwe-601", "external/cwe/cwe-502"] },
        { "SL0010", ["external/owasp-llm-2025/LLM10", "external/cwe/cwe-770"] },
        { "SL0011", ["external/owasp-llm-2025/LLM02", "external/cwe/cwe-532", "external/gdpr/art-5(1)(c)"] },
        { "SL0008", ["external/owasp-llm-2025/LLM06", "external/cwe/cwe-862", "external/eu-ai-act/art-14"] },
        { "SL0009", ["external/owasp-llm-2025/LLM07", "external/owasp-llm-2025/LLM02", "external/cwe/cwe-200", "external/cwe/cwe-522", "external/cwe/cwe-798"] },
    };

    /// <summary>The taxonomy is the descriptor's data: its tags (which the compiler writes to SARIF) and the description's last sentence, nowhere else in its text.</summary>
    [Theory]
    [MemberData(nameof(Taxonomies))]
    public void Each_rule_carries_its_taxonomy_as_tags_and_says_it_once(string id, string[] tags)
    {
        var rule = RuleCatalog.All.Single(descriptor => descriptor.Id == id);
        Assert.Equal(tags, rule.CustomTags.Where(tag => tag.StartsWith("external/", StringComparison.Ordinal)));
        var description = rule.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sentence = description.IndexOf(" Maps to ", StringComparison.Ordinal);
        Assert.Equal(tags.Length > 0, sentence >= 0);
        var prose = rule.Title + " " + rule.MessageFormat + " " + (sentence >= 0 ? description[..sentence] : description);
        foreach (var word in new[] { "OWASP", "LLM0", "CWE", "GDPR", "AI Act", "Art." })
        {
            Assert.DoesNotContain(word, prose, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Release_tracking_lists_every_rule_with_its_category_and_severity()
    {
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryRoot(), "analyzers", "ShiftLeft.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var rule in RuleCatalog.All)
        {
            var line = unshipped.SingleOrDefault(text => text.StartsWith(rule.Id + " ", StringComparison.Ordinal));
            Assert.NotNull(line);
            var cells = line!.Split('|').Select(cell => cell.Trim()).ToArray();
            Assert.Equal(rule.Category, cells[1]);
            Assert.Equal(rule.DefaultSeverity.ToString(), cells[2]);
        }
    }

    /// <summary>Every analyzer in the ShiftLeft.Analyzers assembly (issue-3 rules included automatically).</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToList();

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ShiftLeft.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ShiftLeft.sln not found above " + AppContext.BaseDirectory);
    }
}
