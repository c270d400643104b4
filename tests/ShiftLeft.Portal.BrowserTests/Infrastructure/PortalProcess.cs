using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal, started from its build output as its own process on Kestrel (127.0.0.1, port 0) with a fresh
/// SQLite database in a unique temp folder. Its console is kept: the first-admin bootstrap is printed there.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder console = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The temp folder holding the database; deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>Everything the portal wrote to stdout and stderr so far.</summary>
    public string Console
    {
        get { lock (console) return console.ToString(); }
    }

    /// <param name="settings">Extra configuration, as environment variables (Portal__Section__Key=value).</param>
    public static async Task<PortalProcess> StartAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        var portalAssembly = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PortalAssembly").Value!;
        if (!File.Exists(portalAssembly))
            throw new InvalidOperationException($"The portal is not built at {portalAssembly}; build tests/ShiftLeft.Portal.BrowserTests (it builds the portal first).");

        var dataDirectory = Path.Combine(Path.GetTempPath(), "shiftleft-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var databasePath = Path.Combine(dataDirectory, "portal.db");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(portalAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        // Development: static web assets (MudBlazor's JS and CSS) are served from the build output, not a publish folder.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={databasePath}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => portal.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => portal.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            // The no-argument wait also drains the redirected output, so the failure message carries the portal's last words.
            try { process.WaitForExit(); }
            catch (InvalidOperationException) { }
            portal.listening.TrySetException(new InvalidOperationException($"The portal exited with code {SafeExitCode(process)} before listening:\n{portal.Console}"));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        await using (cancel.Token.Register(() => portal.listening.TrySetException(
            new TimeoutException($"The portal did not listen within {timeout}:\n{portal.Console}"))))
        {
            portal.BaseAddress = await portal.listening.Task;
        }
        return portal;
    }

    /// <summary>Waits until the console contains a line matching <paramref name="pattern"/> and returns the match.</summary>
    public async Task<Match> WaitForConsoleAsync(Regex pattern, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var match = pattern.Match(Console);
            if (match.Success) return match;
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"The portal never printed /{pattern}/ within {timeout}:\n{Console}");
            await Task.Delay(100);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (console) console.AppendLine(line);
        var match = ListeningLine().Match(line);
        if (match.Success) listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
    }

    private static string SafeExitCode(Process process)
    {
        try { return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException) { }
        catch (TimeoutException) { }
        process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"Now listening on:\s*(http://\S+)")]
    private static partial Regex ListeningLine();
}
