using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Tests.Rules;

/// <summary>
/// The parts of the documentation that restate the rule catalogue, written from it: README's rule table and the
/// Category / Default severity / Taxonomy rows at the top of each docs/rules page. The catalogue (descriptor title,
/// category, severity, taxonomy tags) and the code-fix providers' fixable ids are the only sources, so a new rule
/// reaches the README by regenerating, never by a second hand-written list.
/// Regenerate: <c>bash eng/generate-rule-docs.sh</c>.
/// </summary>
public static class RuleDocumentation
{
    private const string TableHeader = "| Rule | Title | Maps to | Default | Code fix |";

    /// <summary>Rules some analyzer reports, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> ReportedRules() =>
        RuleCatalog.All.Where(rule => RuleCatalogTests.AllAnalyzers().Any(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id == rule.Id)))
            .OrderBy(rule => rule.Id, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlySet<string> FixableIds() =>
        typeof(ShiftLeft.Analyzers.CodeFixes.PersonalData.PersonalDataCodeFixProvider).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .SelectMany(type => ((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>README's rule table, header included, one line per rule.</summary>
    public static IReadOnlyList<string> ReadmeTable()
    {
        var fixable = FixableIds();
        var lines = new List<string> { TableHeader, "|---|---|---|---|---|" };
        foreach (var rule in ReportedRules())
        {
            var taxonomy = RuleTaxonomy.Of(rule).Summary();
            lines.Add($"| [{rule.Id}](docs/rules/{rule.Id}.md) | {rule.Title} | {(taxonomy.Length == 0 ? "—" : taxonomy)} | {Severity(rule.DefaultSeverity)} | {(fixable.Contains(rule.Id) ? "yes" : "—")} |");
        }

        return lines;
    }

    /// <summary>README with its rule table replaced by <see cref="ReadmeTable"/>.</summary>
    public static string WithReadmeTable(string readme)
    {
        var lines = SplitLines(readme);
        var start = lines.FindIndex(line => line.StartsWith("| Rule | Title |", StringComparison.Ordinal));
        if (start < 0) throw new InvalidOperationException("README has no rule table (a line starting '| Rule | Title |').");
        var end = start;
        while (end < lines.Count && lines[end].StartsWith('|')) end++;
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, ReadmeTable());
        return string.Join("\n", lines);
    }

    /// <summary>A rule page with its Category, Default severity and Taxonomy rows written from the descriptor.</summary>
    public static string WithHeaderRows(string page, DiagnosticDescriptor rule)
    {
        var taxonomy = RuleTaxonomy.Of(rule);
        var rows = new (string Name, string? Value)[]
        {
            ("Category", rule.Category),
            ("Default severity", rule.DefaultSeverity == DiagnosticSeverity.Info ? "Info (a suggestion)" : rule.DefaultSeverity.ToString()),
            ("Taxonomy", taxonomy.Summary().Length == 0 ? null : $"{taxonomy.Summary()} (SARIF tags {string.Join(", ", taxonomy.Tags().Select(tag => "`" + tag + "`"))})"),
        };

        var lines = SplitLines(page);
        var table = lines.FindIndex(line => line.StartsWith("| Category |", StringComparison.Ordinal));
        if (table < 0) throw new InvalidOperationException($"docs/rules/{rule.Id}.md has no '| Category |' row in its header table.");
        var end = table;
        while (end < lines.Count && lines[end].StartsWith('|')) end++;
        var others = lines.Skip(table).Take(end - table).Where(line => !rows.Any(row => line.StartsWith($"| {row.Name} |", StringComparison.Ordinal))).ToList();
        lines.RemoveRange(table, end - table);
        lines.InsertRange(table, rows.Where(row => row.Value is not null).Select(row => $"| {row.Name} | {row.Value} |").Concat(others));
        return string.Join("\n", lines);
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "suggestion",
        _ => "silent",
    };

    private static List<string> SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
}
