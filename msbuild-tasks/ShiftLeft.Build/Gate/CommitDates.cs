using System.Diagnostics;
using System.Globalization;

namespace ShiftLeft.Build.Gate;

/// <summary>How an artifact without a date in its content was dated.</summary>
/// <param name="Date">The date, or null when none can be trusted.</param>
/// <param name="Source">commit, fileTime or unknown (the report's dateSource).</param>
/// <param name="Note">Why the file time or no date was used, for the report and messages.</param>
public sealed record ArtifactDate(DateTimeOffset? Date, string Source, string? Note);

/// <summary>
/// Dates artifacts by the last commit that touched them: a checkout sets every file time to the moment of the clone,
/// so in CI file times make all evidence look fresh. One <c>git log</c> for all artifacts of a build
/// (<c>git log --format=... --name-only -- &lt;files&gt;</c>, read until every file has its newest commit); outside a
/// git repository, for files git does not track, or when git cannot answer, the file time is used and the report
/// says so. In a shallow clone, a file untouched since the clone's boundary commit has no knowable date.
/// </summary>
public static class CommitDates
{
    private const string RecordMark = "\u001e";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Dates for <paramref name="relativePaths"/> (relative to <paramref name="root"/>, forward slashes).</summary>
    public static IReadOnlyDictionary<string, ArtifactDate> Resolve(string root, IReadOnlyCollection<string> relativePaths, Func<string, DateTimeOffset> fileTime)
    {
        var result = new Dictionary<string, ArtifactDate>(StringComparer.Ordinal);
        if (relativePaths.Count == 0)
        {
            return result;
        }

        string? gitDirectory;
        try
        {
            gitDirectory = GitRevision.FindGitDirectory(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            gitDirectory = null;
        }

        string? failure = gitDirectory is null ? "not in a git repository" : null;
        var commits = new Dictionary<string, (string Commit, DateTimeOffset Date)>(StringComparer.Ordinal);
        // A repository without a first commit has no history to ask: nothing is committed yet.
        if (failure is null && GitRevision.Read(root, new List<string>()) is not null)
        {
            failure = Run(root, relativePaths, commits);
        }

        var shallow = gitDirectory is null ? [] : ShallowBoundary(gitDirectory);
        foreach (var path in relativePaths)
        {
            if (failure is null && commits.TryGetValue(path, out var last))
            {
                result[path] = shallow.Contains(last.Commit)
                    ? new ArtifactDate(null, "unknown", $"untouched since the shallow clone's boundary commit {last.Commit.Substring(0, Math.Min(12, last.Commit.Length))}, so its last change is older than the clone's history")
                    : new ArtifactDate(last.Date, "commit", null);
            }
            else
            {
                result[path] = new ArtifactDate(fileTime(path), "fileTime", failure ?? "not committed to git");
            }
        }

        return result;
    }

    // Returns null on success, else why git could not answer.
    private static string? Run(string root, IReadOnlyCollection<string> paths, Dictionary<string, (string, DateTimeOffset)> commits)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in new[] { "--literal-pathspecs", "-c", "core.quotePath=false", "log", "--no-renames", "--relative", "--name-only", $"--format={RecordMark}%H %cI", "--" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return "git could not be started (" + ex.Message.TrimEnd('.') + ")";
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var wanted = new HashSet<string>(paths, StringComparer.Ordinal);
            var watch = Stopwatch.StartNew();
            (string Commit, DateTimeOffset Date)? current = null;
            string? line;
            while (wanted.Count > 0 && (line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line.StartsWith(RecordMark, StringComparison.Ordinal))
                {
                    var parts = line.Substring(1).Split(' ');
                    current = parts.Length == 2 && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (parts[0], date) : null;
                }
                else if (current is { } commit && line.Length > 0 && wanted.Remove(line))
                {
                    // Newest first: the first commit naming a file is the last one that touched it.
                    commits[line] = commit;
                }

                if (watch.Elapsed > Timeout)
                {
                    break;
                }
            }

            var timedOut = watch.Elapsed > Timeout;
            if (wanted.Count == 0 || timedOut || !process.WaitForExit((int)Math.Max(1, (Timeout - watch.Elapsed).TotalMilliseconds)))
            {
                // Every file found (the rest of the history is not needed), or git is too slow.
                Kill(process);
                return wanted.Count == 0 ? null : $"git log did not answer within {Timeout.TotalSeconds:0} s";
            }

            if (process.ExitCode != 0)
            {
                var first = stderr.Result.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "exit code " + process.ExitCode;
                return "git log failed: " + Diagnostics.EvidenceDiagnostic.Excerpt(first, 200);
            }

            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited meanwhile.
        }
    }

    private static HashSet<string> ShallowBoundary(string gitDirectory)
    {
        try
        {
            var common = GitRevision.CommonDirectory(gitDirectory);
            var file = Path.Combine(common, "shallow");
            return File.Exists(file) ? File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
