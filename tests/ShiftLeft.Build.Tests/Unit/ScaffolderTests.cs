using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>What ShiftLeftInit writes and prints, for the commands a person copies from it.</summary>
public sealed class ScaffolderTests
{
    /// <summary>
    /// Outside git the policy lands beside the project (src/Bot), but the person ran the target from the repository
    /// root: the commands printed name the project from there. The templates, files of the repository, name it from
    /// the folder of shiftleft.json.
    /// </summary>
    [Fact]
    public void Printed_commands_work_from_where_the_target_was_run_and_templates_from_the_policy_folder()
    {
        using var repository = new TestRepository();
        repository.Write("src/Bot/Bot.csproj", "<Project />");
        var project = repository.FullPath("src/Bot/Bot.csproj");

        var log = Scaffolder.Run(new ScaffoldRequest(project, null, repository.FullPath("src/Bot"), null, "team-bot", "high", "gpt-4o-2024-08-06", repository.Now) { StartupDirectory = repository.Root });

        Assert.Contains(log, l => l.Contains("certify it for the current model and prompts with `dotnet msbuild src/Bot/Bot.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=docs/ai/bot/model-card.md`.", StringComparison.Ordinal));
        Assert.Contains("`dotnet msbuild Bot.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=docs/ai/bot/model-card.md`", repository.Read("src/Bot/docs/ai/bot/model-card.md"), StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.Contains("placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_from_outside_the_project_tree_the_printed_command_names_the_full_path()
    {
        using var repository = new TestRepository();
        repository.Write("src/Bot/Bot.csproj", "<Project />");
        var project = repository.FullPath("src/Bot/Bot.csproj");
        var elsewhere = Path.Combine(Path.GetTempPath(), "shiftleft-build-tests", "elsewhere");

        var log = Scaffolder.Run(new ScaffoldRequest(project, null, repository.Root, null, "team-bot", "high", null, repository.Now) { StartupDirectory = elsewhere });

        Assert.Contains(log, l => l.Contains($"with `dotnet msbuild {project} -t:ShiftLeftStampEvidence", StringComparison.Ordinal));
        // No ShiftLeftInitModelId: the scaffold says that the placeholder it wrote is refused until replaced.
        Assert.Contains(log, l => l.StartsWith("No ShiftLeftInitModelId was given, so model.id is the placeholder 'TODO-model-id', which the gate refuses (SL1005)", StringComparison.Ordinal));
    }
}
