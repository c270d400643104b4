using System.Diagnostics;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Gate;

/// <summary>Who is at the keyboard, for the records a person makes (stamps, accepted baselines): git's user, else the OS user.</summary>
public static class GitIdentity
{
    /// <summary><c>user.name &lt;user.email&gt;</c> as git is configured in <paramref name="folder"/>, else the OS user.</summary>
    public static string Of(string folder)
    {
        var name = GitConfig(folder, "user.name");
        var email = GitConfig(folder, "user.email");
        var who = (name, email) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{name} <{email}>",
            ({ Length: > 0 }, _) => name!,
            (_, { Length: > 0 }) => email!,
            _ => Environment.UserName + " (no git user.name configured)",
        };
        return EvidenceDiagnostic.Excerpt(who, 200);
    }

    private static string? GitConfig(string folder, string key)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"config --get {key}") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
