using System.Globalization;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Commands for whoever operates the portal's host, run instead of the server:
/// <c>dotnet ShiftLeft.Portal.dll tokens create --name ci [--repository contoso/chatbot ...| --all-repositories]
/// [--expires-in-days 90] [--output token.txt]</c>. Someone who can run the portal with its configuration can already
/// read and write its database, so this hands out nothing new; it lets a script (the demo, a deployment) get an
/// ingestion token without a person in the UI. The token is printed once (or written to --output with owner-only
/// permissions), only its SHA-256 is stored, and its creation is audited with the actor "operator (command line)".
/// </summary>
public static class OperatorCommands
{
    /// <summary>
    /// The audit log's actor for commands run on the host. It counts as recently authenticated: whoever runs the host
    /// with its configuration holds the database credentials, a stronger proof than a password typed in the UI.
    /// </summary>
    private static readonly PortalActor Operator = new("operator", "operator (command line)", [PortalRoles.Admin])
    {
        Channel = AuditChannels.CommandLine,
        RecentlyAuthenticated = true,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "tokens";

    /// <summary>Runs the command; the exit code is 0 on success, 2 for a usage error, 1 when the portal refuses.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? problem = null;
        if (args.Length < 2 || args[1] != "create" || !TryParse(args[2..], out var options, out problem))
        {
            await error.WriteLineAsync(problem ?? "usage: tokens create --name <name> (--repository <owner/name> ... | --all-repositories) [--expires-in-days <days>] [--output <file>]").ConfigureAwait(false);
            return 2;
        }

        await services.GetRequiredService<PortalDatabase>().MigrateAsync().ConfigureAwait(false);
        await using var scope = services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IIngestionTokenService>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        CreatedIngestionToken created;
        try
        {
            created = await tokens.CreateAsync(
                new CreateIngestionTokenRequest(options.Name, options.AllRepositories, options.Repositories, options.ExpiresInDays is { } days ? clock.GetUtcNow().UtcDateTime.AddDays(days) : null),
                Operator).ConfigureAwait(false);
        }
        catch (PortalValidationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }

        var reach = created.Token.AllRepositories ? "all repositories" : string.Join(", ", created.Token.Repositories);
        var expiry = created.Token.ExpiresAt is { } at ? "expires " + at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "does not expire";
        if (options.Output is { } file)
        {
            await WriteOwnerOnlyAsync(file, created.PlaintextToken + "\n").ConfigureAwait(false);
            await error.WriteLineAsync($"Created ingestion token '{created.Token.Name}' (prefix {created.Token.Prefix}, {reach}, {expiry}) and wrote it to {Path.GetFullPath(file)}.").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(created.PlaintextToken).ConfigureAwait(false);
            await error.WriteLineAsync($"Created ingestion token '{created.Token.Name}' (prefix {created.Token.Prefix}, {reach}, {expiry}). It is shown once; the portal keeps only its hash.").ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(full, options);
        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on create: narrow it too.
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content).ConfigureAwait(false);
    }

    private sealed record TokenOptions(string Name, bool AllRepositories, List<string> Repositories, int? ExpiresInDays, string? Output);

    private static bool TryParse(string[] args, out TokenOptions options, out string? problem)
    {
        string? name = null, output = null;
        int? days = null;
        var all = false;
        var repositories = new List<string>();
        options = null!;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--name": name = Value(); break;
                case "--repository": if (Value() is { } repository) repositories.Add(repository); break;
                case "--all-repositories": all = true; break;
                case "--output": output = Value(); break;
                case "--expires-in-days":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > 3650)
                    {
                        problem = "--expires-in-days takes a whole number of days from 1 to 3650.";
                        return false;
                    }

                    days = d;
                    break;
                default:
                    // Host options (--urls, --Portal:Database:...) are configuration, read by the host; skip their values.
                    if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal)) i++;
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "tokens create needs --name <name> (e.g. the CI pipeline that uses it).";
            return false;
        }

        problem = null;
        options = new TokenOptions(name, all, repositories, days, output);
        return true;
    }
}
