using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>A finding as a build decides it: rule, path relative to the repository (forward slashes; empty for a project-level result), line (0 then).</summary>
public sealed record Finding(string RuleId, string Path, int Line)
{
    public override string ToString() => $"{RuleId} {Path}:{Line}";
}

/// <summary>What a build produced, read independently of the code under test: its SARIF log, its log lines, its source markers.</summary>
public static partial class BuildFindings
{
    /// <summary>The results of a published SARIF log, with whether each is suppressed in source.</summary>
    public static IReadOnlyDictionary<Finding, bool> FromSarif(string path)
    {
        var findings = new Dictionary<Finding, bool>();
        foreach (var run in JsonNode.Parse(File.ReadAllText(path))!["runs"]!.AsArray())
        {
            foreach (var result in run!["results"]!.AsArray())
            {
                var physical = result!["locations"]?[0]?["physicalLocation"];
                var finding = new Finding(
                    result["ruleId"]!.GetValue<string>(),
                    physical is null ? "" : Uri.UnescapeDataString(physical["artifactLocation"]!["uri"]!.GetValue<string>()),
                    physical?["region"]?["startLine"]?.GetValue<int>() ?? 0);
                findings.Add(finding, result["suppressions"] is JsonArray { Count: > 0 });
            }
        }

        return findings;
    }

    /// <summary>The ShiftLeft warnings and errors a build printed, relative to <paramref name="root"/> (project-level ones with no path).</summary>
    public static IReadOnlySet<Finding> FromBuildLog(string log, string root)
    {
        var prefix = Path.TrimEndingDirectorySeparator(root) + "/";
        var findings = new HashSet<Finding>();
        foreach (Match match in LogLine().Matches(File.ReadAllText(log)))
        {
            var file = match.Groups["file"].Value.Trim();
            var located = match.Groups["line"].Success;
            findings.Add(new Finding(match.Groups["code"].Value, located && file.StartsWith(prefix, StringComparison.Ordinal) ? file[prefix.Length..] : "", located ? int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0));
        }

        return findings;
    }

    /// <summary>Every `// expect: SL0001, SL0002` marker under <paramref name="root"/>.</summary>
    public static IReadOnlySet<Finding> FromMarkers(string root)
    {
        var expected = new HashSet<Finding>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Marker().Match(lines[i]) is { Success: true } marker)
                {
                    foreach (var id in marker.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        expected.Add(new Finding(id, Path.GetRelativePath(root, file).Replace('\\', '/'), i + 1));
                    }
                }
            }
        }

        return expected;
    }

    // "path(line,col): warning SL0001: ..." or, for a compilation-wide diagnostic, "CSC : warning SL0005: ...".
    [GeneratedRegex(@"^\s*(?<file>[^\r\n(]*?)(?:\((?<line>\d+),\d+\))?\s*: (?:warning|error) (?<code>SL\d{4}):", RegexOptions.Multiline)]
    private static partial Regex LogLine();

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>SL\d{4}(\s*,\s*SL\d{4})*)\s*$")]
    private static partial Regex Marker();
}
