using System.Net;
using System.Text.Json.Nodes;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

public sealed class PublisherTests(CompilerLogFixture log) : IClassFixture<CompilerLogFixture>
{
    private readonly List<PublishMessage> _messages = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    private PublishRecord Record(params (string Name, string Value)[] properties) => new()
    {
        Project = log.Project,
        TargetFramework = "net10.0",
        Sarif = log.SarifWithRule("SL0003"),
        Evidence = log.Evidence,
        Policy = Path.Combine(log.Root, "shiftleft.json"),
        Properties = properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
    };

    private Task<PublishOutcome> Publish(ScriptedHandler handler, string output, params (string Name, string Value)[] properties) =>
        new Publisher(new PortalUploader(handler, (_, _) => Task.CompletedTask), name => _environment.TryGetValue(name, out var v) ? v : null)
            .PublishAsync(
                new PublishRequest([Record([("ShiftLeftRepository", "contoso/chat-bot"), ("ShiftLeftCommit", "abc123"), ("ShiftLeftBranch", "main"), .. properties])], Path.Combine(log.Root, output), "Chat", log.Root, "0.1.0"),
                _messages.Add,
                CancellationToken.None);

    [Fact]
    public async Task Without_a_portal_it_writes_the_log_the_evidence_and_what_it_did()
    {
        var handler = new ScriptedHandler();

        var outcome = await Publish(handler, "out-local");

        Assert.Empty(handler.Requests);
        Assert.True(File.Exists(outcome.SarifPath));
        Assert.Equal(4, outcome.ResultsPerRule["SL0003"]);
        var system = Assert.Single(outcome.Systems);
        Assert.Equal(("support-assistant", "limited", false), (system.Name, system.RiskTier, system.GatePassed));
        Assert.Equal(File.ReadAllText(log.Evidence), File.ReadAllText(system.Report));
        var described = JsonNode.Parse(File.ReadAllText(Path.Combine(log.Root, "out-local", "publish.json")))!;
        Assert.Equal(("contoso/chat-bot", "abc123", "main"), (described["repository"]!.GetValue<string>(), described["commit"]!.GetValue<string>(), described["branch"]!.GetValue<string>()));
        Assert.StartsWith("local-", outcome.BuildId, StringComparison.Ordinal);
        Assert.DoesNotContain(_messages, m => m.Level != PublishMessageLevel.Info);
    }

    [Fact]
    public async Task The_same_content_publishes_under_the_same_build_id_even_when_the_gate_ran_again()
    {
        var first = await Publish(new ScriptedHandler(), "out-1");
        var report = JsonNode.Parse(File.ReadAllText(log.Evidence))!;
        report["generatedAt"] = "2026-12-01T00:00:00Z";
        File.WriteAllText(log.Evidence, report.ToJsonString());

        var second = await Publish(new ScriptedHandler(), "out-2");

        Assert.Equal(first.BuildId, second.BuildId);
    }

    [Fact]
    public async Task Uploads_with_the_token_from_a_token_file_and_never_says_it()
    {
        var tokenFile = Path.Combine(log.Root, "token");
        File.WriteAllText(tokenFile, "slt_prefix1234_SECRETVALUE\n");
        _environment["SHIFTLEFT_PORTAL_URL"] = "http://127.0.0.1:5080";
        _environment["SHIFTLEFT_TOKEN_FILE"] = tokenFile;
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.Created, ScriptedHandler.Accepted));

        var outcome = await Publish(handler, "out-upload");

        Assert.Equal(42, outcome.Receipt!.RunId);
        Assert.Equal("slt_prefix1234_SECRETVALUE", Assert.Single(handler.Requests).Request.Headers.Authorization!.Parameter);
        Assert.Contains(_messages, m => m.Text.Contains("published contoso/chat-bot@main abc123 to http://127.0.0.1:5080 as run 42", StringComparison.Ordinal));
        Assert.DoesNotContain(_messages, m => m.Text.Contains("SECRET", StringComparison.Ordinal));
        Assert.Equal("http://127.0.0.1:5080/api/v1/runs/42", JsonNode.Parse(File.ReadAllText(Path.Combine(log.Root, "out-upload", "publish.json")))!["runUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_token_is_a_warning_unless_failures_are_errors()
    {
        _environment["SHIFTLEFT_PORTAL_URL"] = "https://portal.example.com";

        var warned = await Publish(new ScriptedHandler(), "out-warn");
        var failed = await Publish(new ScriptedHandler(), "out-error", ("ShiftLeftPublishFailureSeverity", "Error"));

        Assert.Contains("No ingestion token", warned.UploadFailure, StringComparison.Ordinal);
        Assert.Contains(_messages, m => m is { Level: PublishMessageLevel.Warning, Code: "SL1101" });
        Assert.Contains(_messages, m => m is { Level: PublishMessageLevel.Error, Code: "SL1101" });
        Assert.NotNull(failed.UploadFailure);
    }

    [Fact]
    public async Task Plain_http_to_another_machine_is_refused_unless_allowed()
    {
        _environment["SHIFTLEFT_PORTAL_URL"] = "http://portal.example.com";
        _environment["SHIFTLEFT_TOKEN"] = "slt_prefix1234_SECRETVALUE";

        var refused = await Publish(new ScriptedHandler(), "out-http");
        var allowed = await Publish(new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.Created, ScriptedHandler.Accepted)), "out-http-allowed", ("ShiftLeftPortalAllowHttp", "true"));

        Assert.Contains("travel unencrypted", refused.UploadFailure, StringComparison.Ordinal);
        Assert.Equal(42, allowed.Receipt!.RunId);
    }

    [Fact]
    public async Task Bad_settings_are_reported_and_defaults_used()
    {
        await Publish(new ScriptedHandler(), "out-settings", ("ShiftLeftPublishRetries", "many"), ("ShiftLeftPublishFailureSeverity", "Loud"));

        Assert.Contains(_messages, m => m.Code == "SL1102" && m.Text.Contains("ShiftLeftPublishRetries 'many'", StringComparison.Ordinal));
        Assert.Contains(_messages, m => m.Code == "SL1102" && m.Text.Contains("'Loud' is neither Warning nor Error", StringComparison.Ordinal));
    }
}
