// Usage: the bundled sample application (samples/SupportAssistant) as test input.
//   SampleApplication.Directory                    // its folder in the repository
//   SampleApplication.SourceFiles()               // its .cs files (bin/obj excluded)
//   SampleApplication.ExpectedFindings()          // (RuleId, relative path, line) from every `// expect: SL0001, SL0002` marker
//                                                 // in its .cs files and in the @code blocks of its .razor components
// Any file added to the sample (e.g. one with SL0003/SL0004 markers) is picked up without touching the tests.
using System.Text.RegularExpressions;
using ShiftLeft.Analyzers.Tests.Rules;

namespace ShiftLeft.Analyzers.Tests.Integration;

public static partial class SampleApplication
{
    public static string Directory => Path.Combine(RuleCatalogTests.RepositoryRoot(), "samples", "SupportAssistant");

    public static IReadOnlyList<string> SourceFiles(string? root = null) => Files(root, "*.cs");

    private static IReadOnlyList<string> Files(string? root, string pattern) =>
        System.IO.Directory.EnumerateFiles(root ?? Directory, pattern, SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(root ?? Directory, path)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlySet<Finding> ExpectedFindings(string? root = null)
    {
        var expected = new HashSet<Finding>();
        foreach (var file in SourceFiles(root).Concat(Files(root, "*.razor")))
        {
            var relative = Normalize(Path.GetRelativePath(root ?? Directory, file));
            var lines = File.ReadAllLines(file);
            for (var index = 0; index < lines.Length; index++)
            {
                var marker = ExpectMarker().Match(lines[index]);
                if (!marker.Success)
                {
                    continue;
                }

                foreach (var id in marker.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    expected.Add(new Finding(id, relative, index + 1));
                }
            }
        }

        return expected;
    }

    public static string Normalize(string relativePath) => relativePath.Replace('\\', '/');

    public static bool IsBuildOutput(string relativePath)
    {
        var first = Normalize(relativePath).Split('/')[0];
        return first is "bin" or "obj";
    }

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>SL\d{4}(\s*,\s*SL\d{4})*)\s*$")]
    private static partial Regex ExpectMarker();
}

/// <summary>One finding: rule id, path relative to the sample folder (forward slashes), 1-based line.</summary>
public sealed record Finding(string RuleId, string File, int Line)
{
    public override string ToString() => $"{RuleId} {File}:{Line}";
}
