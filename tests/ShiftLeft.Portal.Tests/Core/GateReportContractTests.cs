using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>
/// The portal must read what the evidence gate really writes (TestData/gate-evidence.json is ShiftLeft.Build's own
/// output): threshold expressions, calendar dates and dated model ids must survive redaction, e-mails must not.
/// </summary>
public sealed class GateReportContractTests
{
    private static ParsedEvidence ParseGateReport()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "gate-evidence.json"));
        return EvidenceReportParser.Parse(stream, maxDepth: 64);
    }

    [Fact]
    public void A_real_gate_report_is_read_with_its_dates_model_id_and_threshold_intact()
    {
        var report = ParseGateReport();

        Assert.Equal("support-assistant", report.SystemName);
        Assert.Equal("gpt-4o-2024-08-06", report.Report.Model?.Id);
        Assert.False(report.GatePassed);
        var modelCard = Assert.Single(report.Report.Requirements!, r => r.Kind == "modelCard");
        Assert.Equal(EvidenceStatus.Excepted, modelCard.Status);
        Assert.Equal(new DateTime(2027, 1, 31), modelCard.Exception?.Expires?.Date);
        Assert.Equal(EvidenceStatus.Invalid, Assert.Single(report.Report.Requirements!, r => r.Kind == "evaluation").Status);
        var metric = Assert.Single(report.Report.Metrics!);
        Assert.Equal("groundedness", metric.Name);
        Assert.Equal(4, metric.Threshold);
        Assert.Null(metric.Value);
        Assert.False(metric.Passed);
    }

    [Fact]
    public void Free_text_in_a_gate_report_is_redacted_but_identifiers_are_not()
    {
        var report = ParseGateReport();

        var modelCard = Assert.Single(report.Report.Requirements!, r => r.Kind == "modelCard");
        Assert.Equal("[email]", modelCard.Exception?.ApprovedBy);
        Assert.Equal("Card in review with [email]", modelCard.Exception?.Reason);
        Assert.DoesNotContain("jane.doe", report.RedactedJson, StringComparison.Ordinal);
        Assert.Contains("\"gpt-4o-2024-08-06\"", report.RedactedJson, StringComparison.Ordinal);
        using var stored = System.Text.Json.JsonDocument.Parse(report.RedactedJson);
        Assert.Equal(">= 4", stored.RootElement.GetProperty("metrics")[0].GetProperty("threshold").GetString());
        Assert.Contains("04d9cfe570b57f5b4dc187efad87d9b352032d793cdcec4d6c0f23cf08dec9b1", report.RedactedJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expires 2027-01-31", "expires 2027-01-31")]
    [InlineData("model gpt-4o-2024-08-06", "model gpt-4o-2024-08-06")]
    [InlineData("Call +1 (415) 555-0100 today", "Call [phone] today")]
    [InlineData("Call 0151-2345-6789 today", "Call [phone] today")]
    public void Calendar_dates_are_not_phone_numbers(string input, string expected) =>
        Assert.Equal(expected, PersonalDataRedactor.Redact(input));

    [Theory]
    [InlineData("<= 0.01", 0.01)]
    [InlineData("> 3", 3)]
    [InlineData("2.5", 2.5)]
    public void Thresholds_are_read_as_the_policy_wrote_them(string threshold, double expected) =>
        Assert.Equal(expected, Assert.Single(WithThreshold(threshold).Report.Metrics!).Threshold);

    [Fact]
    public void A_threshold_that_is_no_expression_is_a_clear_error()
    {
        var error = Assert.Throws<IngestionException>(() => WithThreshold("at least four"));
        Assert.Contains("$.metrics[0].threshold 'at least four' is not a threshold", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.metrics[0].threshold", error.Field);
    }

    [Fact]
    public void A_number_for_a_threshold_breaks_the_schema_the_gate_writes_to()
    {
        var json = GateReport().Replace("\"threshold\": \">= 4\"", "\"threshold\": 4", StringComparison.Ordinal);
        var error = Assert.Throws<IngestionException>(() => Parse(json));
        Assert.Contains("$.metrics[0].threshold must be a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fields_the_gate_added_are_read_and_who_stamped_is_redacted()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(GateReport())!;
        var evaluation = json["requirements"]![1]!;
        evaluation["dateSource"] = "commit";
        evaluation["dateNote"] = null;
        evaluation["datedAt"] = "2026-11-20T08:00:00Z";
        evaluation["stampedBy"] = "Jane Doe <jane.doe@contoso.com>";
        evaluation["stampedAt"] = "2026-11-21T09:30:00Z";
        evaluation["execution"] = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "20261120T0900", ["selectedBy"] = "latest", ["ignored"] = new System.Text.Json.Nodes.JsonArray("20261119T0900", "20261118T0900"),
        };
        var metrics = json["metrics"]!.AsArray();
        metrics[0]!["kind"] = "evaluation";
        metrics.Add(System.Text.Json.Nodes.JsonNode.Parse("""{"name":"groundedness","kind":"redTeam","value":3.1,"threshold":">= 4","passed":false,"source":"eval/redteam.json"}"""));

        var report = Parse(json.ToJsonString());
        var read = Assert.Single(report.Report.Requirements!, r => r.Kind == "evaluation");
        Assert.Equal("commit", read.DateSource);
        Assert.Equal(new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), read.DatedAt);
        Assert.Equal("Jane Doe <[email]>", read.StampedBy);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc), read.StampedAt);
        Assert.Equal(("20261120T0900", "latest"), (read.Execution?.Name, read.Execution?.SelectedBy));
        Assert.Equal(["20261119T0900", "20261118T0900"], read.Execution!.Ignored);
        Assert.Equal(["evaluation", "redTeam"], report.Report.Metrics!.Select(m => m.Kind));
        Assert.DoesNotContain("jane.doe", report.RedactedJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_words_are_the_schema_s()
    {
        var words = Enum.GetNames<EvidenceStatus>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName);
        Assert.Equal(EvidenceReportSchema.RequirementStatuses.Order(StringComparer.Ordinal), words.Order(StringComparer.Ordinal));
    }

    private static string GateReport() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "gate-evidence.json"));

    private static ParsedEvidence Parse(string json) => EvidenceReportParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), maxDepth: 64);

    private static ParsedEvidence WithThreshold(string threshold) =>
        Parse(GateReport().Replace("\"threshold\": \">= 4\"", "\"threshold\": " + System.Text.Json.JsonSerializer.Serialize(threshold), StringComparison.Ordinal));
}
