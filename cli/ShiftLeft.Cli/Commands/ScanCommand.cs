using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Publishing;
using ShiftLeft.Cli.Scanning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ShiftLeft.Cli.Commands;

/// <summary>shiftleft scan: builds the target with ShiftLeft injected, writes SARIF and evidence, optionally publishes.</summary>
public sealed partial class ScanCommand(IAnsiConsole console) : AsyncCommand<ScanCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[path]")]
        [Description("Solution (.sln, .slnx), project (.csproj, .vbproj) or a folder holding one. Default: the current folder.")]
        public string Path { get; init; } = ".";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder for shiftleft.sarif, evidence/, publish.json, build.log and the build tree; must be outside the repository. Default: <temp>/shiftleft/<name>.")]
        public string? Output { get; init; }

        [CommandOption("-c|--configuration <CONFIGURATION>")]
        [Description("Build configuration (default: the project's, usually Debug).")]
        public string? Configuration { get; init; }

        [CommandOption("--publish <URL>")]
        [Description("Upload the results to this ShiftLeft portal; the token comes from SHIFTLEFT_TOKEN or the file named by SHIFTLEFT_TOKEN_FILE.")]
        public string? Publish { get; init; }

        [CommandOption("--fail-on <WHAT>")]
        [Description("gate (default): exit 1 when an evidence gate fails; findings: also exit 2 on any finding; never: only a broken build (3) or upload (4) fails.")]
        [DefaultValue(FailOn.Gate)]
        public FailOn FailOn { get; init; } = FailOn.Gate;

        [CommandOption("--feed <DIR>")]
        [Description("Folder with the ShiftLeft.Analyzers and ShiftLeft.Build packages to inject (default: those inside the tool).")]
        public string? Feed { get; init; }

        [CommandOption("-p|--property <NAME=VALUE>")]
        [Description("MSBuild property for the scanned build (repeatable), e.g. -p ShiftLeftPublishRules=*.")]
        public string[] Properties { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ScanTarget target;
        BundledFeed feed;
        ScanWorkspace workspace;
        try
        {
            target = ScanTarget.Resolve(settings.Path);
            feed = BundledFeed.Locate(settings.Feed);
            var output = settings.Output ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shiftleft", target.Name);
            workspace = new ScanWorkspace(output, target, feed);
            workspace.Prepare();
        }
        catch (ScanUsageException ex)
        {
            console.Write(new Text("shiftleft: " + ex.Message + Environment.NewLine, new Style(Color.Red)));
            return ExitCodes.Usage;
        }

        console.Write(new Text($"Scanning {target.Path} with ShiftLeft {feed.Version}{Environment.NewLine}"));
        var build = await RunBuildAsync(workspace, settings, cancellationToken).ConfigureAwait(false);
        var records = Directory.GetFiles(workspace.Records, "*.json").Order(StringComparer.Ordinal)
            .Select(path => PublishRecord.Read(path, out _)).OfType<PublishRecord>()
            // Only --publish uploads: a portal configured in the repository is not used by a scan.
            .Select(r => r with { Properties = r.Properties.Where(p => p.Key != "ShiftLeftPortalUrl").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) })
            .ToList();
        var publisher = new Publisher(PortalUploader.CreateDefault(), name => name switch
        {
            "SHIFTLEFT_PORTAL_URL" => settings.Publish,
            _ => Environment.GetEnvironmentVariable(name),
        });
        var version = typeof(ScanCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? feed.Version;
        var outcome = await publisher.PublishAsync(
            new PublishRequest(records, workspace.Output, target.Name, System.IO.Path.GetDirectoryName(target.Path)!, version),
            message =>
            {
                if (message.Level != PublishMessageLevel.Info)
                {
                    console.Write(new Text($"{message.Level.ToString().ToLowerInvariant()} {message.Code}: {message.Text}{Environment.NewLine}", new Style(message.Level == PublishMessageLevel.Error ? Color.Red : Color.Yellow)));
                }
            },
            cancellationToken).ConfigureAwait(false);

        var undeclared = build.Diagnostics.Where(d => d.Code == "SL1007")
            .Select(d => UndeclaredProject().Match(d.Message) is { Success: true } m ? m.Groups["project"].Value : d.Location)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var result = new ScanResult(target, build, outcome, settings.Publish, undeclared, settings.FailOn);
        SummaryRenderer.Render(console, result);
        return result.ExitCode;
    }

    /// <summary>The build, with a live status line on a terminal and one line per step elsewhere (CI logs).</summary>
    private async Task<BuildOutcome> RunBuildAsync(ScanWorkspace workspace, Settings settings, CancellationToken cancellationToken)
    {
        var extra = settings.Properties.Select(p => "-p:" + p).ToList();
        var built = 0;
        if (!console.Profile.Capabilities.Interactive)
        {
            return await BuildRunner.RunAsync(workspace, settings.Configuration, extra, step =>
            {
                if (step.StartsWith("Built ", StringComparison.Ordinal))
                {
                    built++;
                }

                console.Write(new Text($"  {step}{Environment.NewLine}"));
            }, cancellationToken).ConfigureAwait(false);
        }

        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("Building", async status =>
            await BuildRunner.RunAsync(workspace, settings.Configuration, extra, step =>
            {
                if (step.StartsWith("Built ", StringComparison.Ordinal))
                {
                    built++;
                }

                status.Status(Markup.Escape($"{step} ({built} project build(s) done)"));
            }, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    [GeneratedRegex(@"Project '(?<project>[^']+)' references the AI SDK")]
    private static partial Regex UndeclaredProject();
}
