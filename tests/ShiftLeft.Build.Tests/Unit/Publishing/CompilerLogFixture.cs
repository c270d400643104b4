namespace ShiftLeft.Build.Tests.Unit.Publishing;

/// <summary>
/// The real compiler log of tests/ShiftLeft.Portal.Tests/TestData (9 results in Chat.cs, built in /tmp/sarif-fixture)
/// moved to a repository folder of the test's own, with Chat.cs beside it, plus the real gate report.
/// </summary>
public sealed class CompilerLogFixture : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "PublishingData");

    public CompilerLogFixture()
    {
        Root = Directory.CreateTempSubdirectory("shiftleft-compose-").FullName;
        File.Copy(Path.Combine(Data, "Chat.cs.txt"), Path.Combine(Root, "Chat.cs"));
        Sarif = Path.Combine(Root, "obj", "Chat.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(Sarif)!);
        File.WriteAllText(Sarif, File.ReadAllText(Path.Combine(Data, "compiler.sarif")).Replace("file:///tmp/sarif-fixture/", new Uri(Root + "/").AbsoluteUri, StringComparison.Ordinal));
        Evidence = Path.Combine(Root, "obj", "shiftleft-evidence.json");
        File.Copy(Path.Combine(Data, "gate-evidence.json"), Evidence);
        Project = Path.Combine(Root, "Chat.csproj");
    }

    public string Root { get; }

    public string Sarif { get; }

    public string Evidence { get; }

    public string Project { get; }

    /// <summary>A copy of the log whose CA1822 results and rule are renamed, standing in for a ShiftLeft rule.</summary>
    public string SarifWithRule(string ruleId)
    {
        var path = Path.Combine(Root, "obj", ruleId + ".sarif");
        File.WriteAllText(path, File.ReadAllText(Sarif).Replace("\"CA1822\"", "\"" + ruleId + "\"", StringComparison.Ordinal));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
