namespace ShiftLeft.Analyzers.Tests.Rules;

/// <summary>
/// README's rule table and the rule pages' header rows are what <see cref="RuleDocumentation"/> writes from the
/// catalogue. With SHIFTLEFT_REGENERATE_DOCS=1 (eng/generate-rule-docs.sh) the tests write the files instead of
/// comparing them.
/// </summary>
public sealed class GeneratedRuleDocumentationTests
{
    private static bool Regenerate => Environment.GetEnvironmentVariable("SHIFTLEFT_REGENERATE_DOCS") == "1";

    [Fact]
    public void Readme_rule_table_is_written_from_the_catalogue()
    {
        var path = Path.Combine(RuleCatalogTests.RepositoryRoot(), "README.md");
        AssertGenerated(path, RuleDocumentation.WithReadmeTable);
    }

    public static TheoryData<string> RuleIds() => new(RuleDocumentation.ReportedRules().Select(rule => rule.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_page_header_rows_are_written_from_the_descriptor(string id)
    {
        var rule = RuleDocumentation.ReportedRules().Single(descriptor => descriptor.Id == id);
        var path = Path.Combine(RuleCatalogTests.RepositoryRoot(), "docs", "rules", id + ".md");
        AssertGenerated(path, page => RuleDocumentation.WithHeaderRows(page, rule));
    }

    [Fact]
    public void Readme_table_lists_every_reported_rule_with_its_taxonomy_severity_and_fix()
    {
        var table = RuleDocumentation.ReadmeTable();
        Assert.Equal(RuleDocumentation.ReportedRules().Count + 2, table.Count);
        Assert.Contains("| [SL0002](docs/rules/SL0002.md) | Model call has no guardrail | OWASP LLM01, LLM05; CWE-1427, CWE-1426; EU AI Act Art. 15 | warning | yes |", table);
        Assert.Contains("| [SL0005](docs/rules/SL0005.md) | Configured name resolves to nothing | — | warning | — |", table);
        Assert.Contains("| [SL0010](docs/rules/SL0010.md) | Generative call without an output-token limit | OWASP LLM10; CWE-770 | suggestion | yes |", table);
    }

    private static void AssertGenerated(string path, Func<string, string> generate)
    {
        var current = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var generated = generate(current);
        if (Regenerate)
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.True(generated == current,
            $"{path} does not match the rule catalogue; run `bash eng/generate-rule-docs.sh` and commit the result.\n--- expected ---\n{generated}");
    }
}
