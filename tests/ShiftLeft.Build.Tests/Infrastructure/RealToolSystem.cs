namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>
/// A limited-tier system whose evaluation (and red team) are copies of fixtures recorded by the real tools
/// (Fixtures/promptfoo, Fixtures/aieval), certified by a reviewer's stamp unless told otherwise.
/// </summary>
public static class RealToolSystem
{
    public const string Evaluation = "eval/support/results.json";

    public const string RedTeam = "eval/support/redteam.json";

    /// <summary>The promptfoo runs were recorded on 2026-12-07; the clock is three days later.</summary>
    public static readonly DateTimeOffset AfterRecording = new(2026, 12, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The local promptfoo provider the recordings used, mapped to the system's model.</summary>
    public const string LocalProvider = "\"support-assistant-local\": \"gpt-4o-2024-08-06\"";

    public static readonly string Fixtures = Path.Combine(PackedPackageFixture.RepositoryRoot, "tests", "ShiftLeft.Build.Tests", "Fixtures");

    /// <param name="governance">Further properties of the system, e.g. <c>"regression": { ... }</c>, without a leading comma.</param>
    /// <param name="into">The repository to write into (one prepared for real builds); a new one at <paramref name="now"/> by default.</param>
    public static TestRepository Create(string evaluation, string? redTeam = null, string thresholds = "", string providers = "", bool stamp = true, DateTimeOffset? now = null, string? execution = null, string governance = "", TestRepository? into = null)
    {
        var repository = into ?? new TestRepository(now ?? AfterRecording);
        var evaluationEntry = execution is null ? $"\"{Evaluation}\"" : $"{{ \"path\": \"{Evaluation}\", \"execution\": \"{execution}\" }}";
        repository.Write("shiftleft.json", $$"""
            {
              "systems": [{
                "name": "support-assistant", "owner": "team-support", "riskTier": "limited",
                "projects": ["src/Support/*.csproj"],
                "model": { "id": "gpt-4o-2024-08-06", "promptFiles": ["src/Support/Prompts/**/*.txt"], "providers": { {{providers}} } },
                "evidence": { "modelCard": "docs/ai/support/model-card.md", "evaluation": {{evaluationEntry}}{{(redTeam is null ? string.Empty : $", \"redTeam\": \"{RedTeam}\"")}} },
                "thresholds": { {{thresholds}} }{{(governance.Length > 0 ? ",\n    " + governance : string.Empty)}}
              }]
            }
            """);
        repository.Write(TestRepository.ProjectPath, "<Project />").Write("src/Support/Prompts/system.txt", "Answer from the knowledge base.\n");
        repository.Write("docs/ai/support/model-card.md", repository.CertifiedCard(TestRepository.ModelId, repository.Date(3)));
        foreach (var (fixture, target) in new[] { (evaluation, Evaluation), (redTeam, RedTeam) })
        {
            if (fixture is not null)
            {
                Replace(repository, target, fixture, stamp);
            }
        }

        return repository;
    }

    /// <summary>Puts another recorded run where the artifact was, stamped by the reviewer unless told otherwise.</summary>
    public static TestRepository Replace(TestRepository repository, string target, string fixture, bool stamp = true)
    {
        repository.WriteBytes(target, File.ReadAllBytes(Path.Combine(Fixtures, fixture)));
        return stamp ? repository.Stamp(target) : repository;
    }

    /// <summary>The text of a fixture.</summary>
    public static string Text(string fixture) => File.ReadAllText(Path.Combine(Fixtures, fixture));
}
