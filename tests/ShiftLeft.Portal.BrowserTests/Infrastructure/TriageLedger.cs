using System.Collections.Concurrent;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Which seeded findings the tests closed by triage (rule|path|line). Tests in the collection run one after another in
/// any order; the overview test subtracts these from the ingested data so its expectation stays exact.
/// </summary>
public sealed class TriageLedger
{
    private readonly ConcurrentDictionary<string, bool> closed = new(StringComparer.Ordinal);

    public void Closed(ExpectedFinding finding) => closed[Key(finding)] = true;

    public bool IsClosed(ExpectedFinding finding) => closed.ContainsKey(Key(finding));

    private static string Key(ExpectedFinding f) => $"{f.RuleId}|{f.RelativePath}|{f.StartLine}";
}
