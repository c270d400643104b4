using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShiftLeft.Build.Publishing;

/// <summary>A message of a publish, for the build log or the shiftleft tool's output.</summary>
/// <param name="Level">Info for progress; Warning or Error for problems.</param>
/// <param name="Code">SL1101 (upload failed), SL1102 (an input or setting could not be used), or null for progress.</param>
/// <param name="Text">One or two sentences; never the token.</param>
public sealed record PublishMessage(PublishMessageLevel Level, string? Code, string Text);

public enum PublishMessageLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>What one solution build (or scan) publishes.</summary>
/// <param name="Records">Every contributing project build.</param>
/// <param name="OutputDirectory">Receives shiftleft.sarif, evidence/*.json and publish.json.</param>
/// <param name="Name">Solution or project name: the default code scanning category is shiftleft/&lt;name&gt;.</param>
/// <param name="StartFolder">Where the git checkout is looked for (the solution folder).</param>
/// <param name="ToolVersion">ShiftLeft.Build's version, for the gate's run in the SARIF log.</param>
public sealed record PublishRequest(IReadOnlyList<PublishRecord> Records, string OutputDirectory, string Name, string StartFolder, string ToolVersion);

/// <summary>An AI system whose evidence report the build produced.</summary>
public sealed record PublishedSystem(string Name, string RiskTier, bool GatePassed, string Project, string Report);

/// <summary>What a publish did.</summary>
public sealed record PublishOutcome(
    string SarifPath,
    IReadOnlyDictionary<string, int> ResultsPerRule,
    IReadOnlyList<PublishedSystem> Systems,
    SourceControl Source,
    string BuildId,
    UploadReceipt? Receipt,
    string? UploadFailure);

/// <summary>
/// One publish of a solution build: composes the SARIF log (<see cref="SarifComposer"/>), copies the evidence reports
/// next to it, and — when a portal is configured — uploads both with the repository, commit and branch of the build.
/// Shared by the MSBuild publishing hook and the shiftleft tool, so both publish the same thing the same way.
/// </summary>
public sealed class Publisher(PortalUploader uploader, Func<string, string?> environment)
{
    public const string UploadFailed = "SL1101";
    public const string InputProblem = "SL1102";

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, Action<PublishMessage> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var problems = new List<string>();
        var records = request.Records.OrderBy(r => r.Project, StringComparer.Ordinal).ThenBy(r => r.TargetFramework, StringComparer.Ordinal).ToList();
        var settings = PublishSettings.From(records.Select(r => r.Properties), environment, problems);
        var source = SourceControl.Resolve(settings, request.StartFolder, environment);
        var composer = new SarifComposer(settings, source.SourceRoot, settings.Category ?? "shiftleft/" + SourceControl.NormalizeRepository(request.Name), request.ToolVersion);
        foreach (var record in records)
        {
            if (record.SarifProblem is { } sarifProblem)
            {
                problems.Add(sarifProblem);
            }
            else if (record.Sarif is { } sarif)
            {
                if (File.Exists(sarif))
                {
                    composer.AddCompilerLog(sarif, record.Project);
                }
                else
                {
                    problems.Add($"{Path.GetFileName(record.Project)} wrote no SARIF log at {sarif} (did its compilation run?); its findings are not published.");
                }
            }
        }

        var evidence = records.Where(r => r.Evidence is { } e && File.Exists(e)).Select(r => (Record: r, Path: r.Evidence!)).DistinctBy(e => e.Path, StringComparer.Ordinal).ToList();
        foreach (var (record, path) in evidence)
        {
            composer.AddEvidenceReport(path, record.Policy is { } policy ? Path.GetDirectoryName(policy) : null);
        }

        // A project the gate wrote no report for (SL1007, an unreadable policy) still has its findings published.
        foreach (var findings in records.Where(r => r.Evidence is not { } e || !File.Exists(e)).Select(r => r.GateFindings).OfType<string>().Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            composer.AddEvidenceReport(findings, null);
        }

        problems.AddRange(composer.Problems);
        foreach (var problem in problems)
        {
            log(new PublishMessage(PublishMessageLevel.Warning, InputProblem, problem));
        }

        Directory.CreateDirectory(request.OutputDirectory);
        var sarifPath = Path.Combine(request.OutputDirectory, "shiftleft.sarif");
        var sarifBytes = Encoding.UTF8.GetBytes(composer.Compose().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllBytesAsync(sarifPath, sarifBytes, cancellationToken).ConfigureAwait(false);
        var systems = CopyEvidence(evidence.Select(e => (e.Record.Project, e.Path)).ToList(), Path.Combine(request.OutputDirectory, "evidence"));
        var buildId = source.BuildId ?? SourceControl.LocalBuildId(
            new[] { SourceControl.Utf8(source.Commit + "\n" + source.Branch), sarifBytes }.Concat(evidence.Select(e => StableEvidence(e.Path))));
        log(new PublishMessage(PublishMessageLevel.Info, null, $"ShiftLeft: {composer.ResultsPerRule.Values.Sum()} finding(s) and {systems.Count} evidence report(s) of {source.Repository} written to {sarifPath}"));

        UploadReceipt? receipt = null;
        string? failure = null;
        if (settings.PortalUrl is { } url)
        {
            try
            {
                receipt = await UploadAsync(url, settings, source, buildId, sarifBytes, evidence.Select(e => e.Path).ToList(), log, cancellationToken).ConfigureAwait(false);
                var what = receipt.Replayed
                    ? $"already published as run {receipt.RunId}: the portal stored nothing new"
                    : $"as run {receipt.RunId}: {receipt.Results} result(s), {receipt.New} new, {receipt.Fixed} fixed, {receipt.OpenAfter} open";
                log(new PublishMessage(PublishMessageLevel.Info, null, $"ShiftLeft: published {source.Repository}@{source.Branch ?? "HEAD"} {Short(source.Commit)} to {url} {what}."));
            }
            catch (UploadException ex)
            {
                failure = ex.Message;
                var level = settings.FailureSeverity == "Error" ? PublishMessageLevel.Error : PublishMessageLevel.Warning;
                log(new PublishMessage(level, UploadFailed, ex.Message + (level == PublishMessageLevel.Warning ? " The build continues (ShiftLeftPublishFailureSeverity=Error makes this an error)." : "")));
            }
        }

        var outcome = new PublishOutcome(sarifPath, composer.ResultsPerRule, systems, source, buildId, receipt, failure);
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, "publish.json"), Describe(outcome, settings.PortalUrl), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<UploadReceipt> UploadAsync(string url, PublishSettings settings, SourceControl source, string buildId, byte[] sarif, IReadOnlyList<string> evidence, Action<PublishMessage> log, CancellationToken cancellationToken)
    {
        var portal = PortalConnection.ParseUrl(url, settings.AllowHttp, out var urlProblem) ?? throw new UploadException(urlProblem + "; nothing was uploaded.");
        var token = PortalConnection.ReadToken(settings.TokenFile, environment, out var tokenProblem) ?? throw new UploadException(tokenProblem + "; nothing was uploaded.");
        if (source.Commit is null)
        {
            throw new UploadException("The commit is unknown (no CI variables and no readable .git above the solution): set ShiftLeftCommit; nothing was uploaded.");
        }

        var branch = source.Branch ?? "HEAD";
        return await uploader.UploadAsync(portal, token, source with { Branch = branch }, buildId, sarif, evidence, settings, m => log(new PublishMessage(PublishMessageLevel.Info, null, "ShiftLeft: " + m)), cancellationToken).ConfigureAwait(false);
    }

    private static List<PublishedSystem> CopyEvidence(IReadOnlyList<(string Project, string Path)> reports, string folder)
    {
        if (Directory.Exists(folder))
        {
            foreach (var stale in Directory.GetFiles(folder, "*.json"))
            {
                File.Delete(stale);
            }
        }

        Directory.CreateDirectory(folder);
        var systems = new List<PublishedSystem>();
        foreach (var (project, path) in reports)
        {
            var report = JsonNode.Parse(File.ReadAllText(path));
            var name = report?["system"]?["name"]?.GetValue<string>() ?? "unknown";
            var file = SourceControl.NormalizeRepository(name + "--" + Path.GetFileNameWithoutExtension(project)).Replace('/', '-');
            var target = Path.Combine(folder, file + ".json");
            for (var n = 2; File.Exists(target); n++)
            {
                target = Path.Combine(folder, $"{file}-{n}.json");
            }

            File.Copy(path, target);
            systems.Add(new PublishedSystem(
                name,
                report?["system"]?["riskTier"]?.GetValue<string>() ?? "",
                report?["gate"]?["passed"]?.GetValue<bool>() ?? false,
                project,
                target));
        }

        return systems;
    }

    /// <summary>An evidence report without the time it was written, so a re-run of an unchanged gate gives equal content.</summary>
    private static byte[] StableEvidence(string path)
    {
        var report = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        report?.Remove("generatedAt");
        return SourceControl.Utf8(report?.ToJsonString() ?? "");
    }

    private static string Short(string? commit) => commit is { Length: > 12 } ? commit.Substring(0, 12) : commit ?? "";

    private static string Describe(PublishOutcome outcome, string? portalUrl)
    {
        var json = new JsonObject
        {
            ["sarif"] = outcome.SarifPath,
            ["repository"] = outcome.Source.Repository,
            ["commit"] = outcome.Source.Commit,
            ["branch"] = outcome.Source.Branch,
            ["buildId"] = outcome.BuildId,
            ["sourceRoot"] = outcome.Source.SourceRoot,
            ["provider"] = outcome.Source.Provider,
            ["resultsPerRule"] = new JsonObject(outcome.ResultsPerRule.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
            ["systems"] = new JsonArray(outcome.Systems.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["riskTier"] = s.RiskTier,
                ["gatePassed"] = s.GatePassed,
                ["project"] = s.Project,
                ["report"] = s.Report,
            }).ToArray()),
            ["portal"] = portalUrl,
            ["runId"] = outcome.Receipt?.RunId,
            ["runUrl"] = outcome.Receipt?.RunUrl,
            ["replayed"] = outcome.Receipt?.Replayed,
            ["uploadFailure"] = outcome.UploadFailure,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
