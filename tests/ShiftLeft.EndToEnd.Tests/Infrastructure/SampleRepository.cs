namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A copy of the repository's samples laid out like the repository (samples/, artifacts/demo/), committed to a git
/// repository of its own, so the main job's builds, its README example and a fix can run without touching the real tree.
/// </summary>
public sealed class SampleRepository
{
    private SampleRepository(string root) => Root = root;

    public string Root { get; }

    public string Samples => Path.Combine(Root, "samples");

    public string Demo => Path.Combine(Root, "artifacts", "demo");

    public static SampleRepository Create(ToolchainFixture toolchain, string name)
    {
        var repository = new SampleRepository(Path.Combine(toolchain.Root, name));
        foreach (var sample in new[] { "SupportAssistant", "ClaimsTriage" })
        {
            Copy(Path.Combine(ToolchainFixture.RepositoryRoot, "samples", sample), Path.Combine(repository.Samples, sample));
            File.WriteAllText(Path.Combine(repository.Samples, sample, "nuget.config"), toolchain.NuGetConfig);
        }

        File.WriteAllText(Path.Combine(repository.Root, ".gitignore"), "bin/\nobj/\nartifacts/\n");
        Processes.Git(repository.Root, "init", "-q", "-b", "main");
        Processes.Git(repository.Root, "add", "-A");
        Processes.Git(repository.Root, "commit", "-q", "-m", "samples");
        return repository;
    }

    /// <summary>Copies a folder's sources: bin/ and obj/ are build output, not part of a repository.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
