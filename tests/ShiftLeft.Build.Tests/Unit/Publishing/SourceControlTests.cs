using System.Diagnostics;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

public sealed class SourceControlTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shiftleft-scm-").FullName;

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    [Fact]
    public void GitHub_Actions_variables_name_the_run()
    {
        var source = SourceControl.Resolve(new PublishSettings(), _root, Environment(
            ("GITHUB_ACTIONS", "true"), ("GITHUB_REPOSITORY", "contoso/chat-bot"), ("GITHUB_SHA", "9fceb02d0ae598e95dc970b74767f19372d61af8"),
            ("GITHUB_REF_NAME", "main"), ("GITHUB_RUN_ID", "1187"), ("GITHUB_RUN_ATTEMPT", "2"), ("GITHUB_WORKSPACE", _root)));
        Assert.Equal(new SourceControl("contoso/chat-bot", "9fceb02d0ae598e95dc970b74767f19372d61af8", "main", "1187.2", _root, "GitHub Actions"), source);
    }

    [Fact]
    public void A_GitHub_pull_request_is_filed_under_its_source_branch()
    {
        var source = SourceControl.Resolve(new PublishSettings(), _root, Environment(
            ("GITHUB_ACTIONS", "true"), ("GITHUB_REPOSITORY", "contoso/chat-bot"), ("GITHUB_SHA", "abc"), ("GITHUB_REF_NAME", "42/merge"),
            ("GITHUB_HEAD_REF", "feature/guardrails"), ("GITHUB_RUN_ID", "7")));
        Assert.Equal("feature/guardrails", source.Branch);
        Assert.Equal("7.1", source.BuildId);
    }

    [Fact]
    public void Azure_Pipelines_on_Azure_Repos_names_organisation_project_and_repository()
    {
        var source = SourceControl.Resolve(new PublishSettings(), _root, Environment(
            ("TF_BUILD", "True"), ("BUILD_REPOSITORY_PROVIDER", "TfsGit"), ("BUILD_REPOSITORY_NAME", "chat-bot"),
            ("BUILD_REPOSITORY_URI", "https://contoso@dev.azure.com/contoso/AI%20Platform/_git/chat-bot"), ("BUILD_SOURCEVERSION", "abc123"),
            ("BUILD_SOURCEBRANCH", "refs/heads/release/2.1"), ("BUILD_BUILDID", "5521"), ("SYSTEM_JOBATTEMPT", "1"), ("BUILD_SOURCESDIRECTORY", _root)));
        Assert.Equal(new SourceControl("contoso/AI-Platform/chat-bot", "abc123", "release/2.1", "5521.1", _root, "Azure Pipelines"), source);
    }

    [Fact]
    public void Azure_Pipelines_pull_request_and_GitHub_repository()
    {
        var source = SourceControl.Resolve(new PublishSettings(), _root, Environment(
            ("TF_BUILD", "True"), ("BUILD_REPOSITORY_PROVIDER", "GitHub"), ("BUILD_REPOSITORY_NAME", "contoso/chat-bot"), ("BUILD_SOURCEVERSION", "abc"),
            ("BUILD_SOURCEBRANCH", "refs/pull/12/merge"), ("SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/fix/pii"), ("BUILD_BUILDID", "9")));
        Assert.Equal(("contoso/chat-bot", "fix/pii"), (source.Repository, source.Branch));
    }

    [Fact]
    public void GitLab_CI_names_the_project_path_and_job()
    {
        var source = SourceControl.Resolve(new PublishSettings(), _root, Environment(
            ("GITLAB_CI", "true"), ("CI_PROJECT_PATH", "contoso/ai/chat-bot"), ("CI_COMMIT_SHA", "abc"), ("CI_COMMIT_BRANCH", "main"),
            ("CI_JOB_ID", "880"), ("CI_PROJECT_DIR", _root)));
        Assert.Equal(new SourceControl("contoso/ai/chat-bot", "abc", "main", "880", _root, "GitLab CI"), source);
    }

    [Fact]
    public void Settings_win_over_CI_and_git()
    {
        var source = SourceControl.Resolve(
            new PublishSettings { Repository = "samples/demo", Branch = "b", Commit = "c", BuildId = "d", SourceRoot = _root },
            _root,
            Environment(("GITHUB_ACTIONS", "true"), ("GITHUB_REPOSITORY", "contoso/chat-bot"), ("GITHUB_SHA", "abc"), ("GITHUB_REF_NAME", "main")));
        Assert.Equal(new SourceControl("samples/demo", "c", "b", "d", _root, "GitHub Actions"), source);
    }

    [Fact]
    public void Outside_CI_a_real_git_checkout_gives_commit_branch_and_origin()
    {
        Git("init", "-q", "-b", "feature/x");
        Git("remote", "add", "origin", "git@github.com:Contoso/Chat-Bot.git");
        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        Git("add", "a.txt");
        Git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "a");
        var head = Git("rev-parse", "HEAD").Trim();
        Directory.CreateDirectory(Path.Combine(_root, "src", "App"));

        var source = SourceControl.Resolve(new PublishSettings(), Path.Combine(_root, "src", "App"), Environment());

        Assert.Equal(new SourceControl("Contoso/Chat-Bot", head, "feature/x", null, _root, "git"), source);

        Git("pack-refs", "--all");
        Assert.Equal(head, GitCheckout.Find(_root)!.Commit);
        Git("checkout", "-q", "--detach");
        Assert.Equal((head, (string?)null), (GitCheckout.Find(_root)!.Commit, GitCheckout.Find(_root)!.Branch));
    }

    [Fact]
    public void A_linked_work_tree_reads_refs_from_the_common_folder()
    {
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        Git("add", "a.txt");
        Git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "a");
        var tree = Path.Combine(_root, "..", Path.GetFileName(_root) + "-wt");
        Git("worktree", "add", "-q", "-b", "side", tree);
        try
        {
            var checkout = GitCheckout.Find(tree)!;
            Assert.Equal((Path.GetFullPath(tree), Git("rev-parse", "HEAD").Trim(), "side"), (checkout.Root, checkout.Commit, checkout.Branch));
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://github.com/contoso/chat-bot.git", "contoso/chat-bot")]
    [InlineData("git@github.com:contoso/chat-bot.git", "contoso/chat-bot")]
    [InlineData("ssh://git@gitlab.example.com:2222/group/sub/chat-bot.git", "group/sub/chat-bot")]
    [InlineData("https://dev.azure.com/contoso/Platform/_git/chat-bot", "contoso/Platform/chat-bot")]
    [InlineData("git@ssh.dev.azure.com:v3/contoso/Platform/chat-bot", "contoso/Platform/chat-bot")]
    [InlineData("https://contoso.visualstudio.com/Platform/_git/chat-bot", "contoso/Platform/chat-bot")]
    [InlineData("/srv/git/chat-bot.git", null)]
    public void Repository_names_from_clone_urls(string url, string? expected) =>
        Assert.Equal(expected, SourceControl.FromRemoteUrl(url));

    [Theory]
    [InlineData("contoso/chat-bot", "contoso/chat-bot")]
    [InlineData("Contoso Ltd/AI Platform/chat bot!", "Contoso-Ltd/AI-Platform/chat-bot")]
    [InlineData("../../etc/passwd", "etc/passwd")]
    [InlineData("<script>", "script")]
    [InlineData("///", "repository")]
    public void Names_fit_the_portal_grammar(string name, string expected) =>
        Assert.Equal(expected, SourceControl.NormalizeRepository(name));

    [Fact]
    public void Equal_content_gives_an_equal_local_build_id()
    {
        var a = SourceControl.LocalBuildId([[1, 2], [3]]);
        Assert.Equal(a, SourceControl.LocalBuildId([[1, 2], [3]]));
        Assert.NotEqual(a, SourceControl.LocalBuildId([[1], [2, 3]]));
        Assert.Matches("^local-[0-9a-f]{16}$", a);
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
