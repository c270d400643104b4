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
        Assert.Equal("gpt-4o-2024-08-06", report.ModelId);
        Assert.False(report.GatePassed);
        var modelCard = Assert.Single(report.Requirements, r => r.Kind == "modelCard");
        Assert.Equal(EvidenceStatus.Excepted, modelCard.Status);
        Assert.Equal(new DateTime(2027, 1, 31), modelCard.ExceptionExpires?.Date);
        Assert.Equal(EvidenceStatus.Invalid, Assert.Single(report.Requirements, r => r.Kind == "evaluation").Status);
        var metric = Assert.Single(report.Metrics);
        Assert.Equal("groundedness", metric.Name);
        Assert.Equal(4, metric.Threshold);
        Assert.Null(metric.Value);
        Assert.False(metric.Passed);
    }

    [Fact]
    public void Free_text_in_a_gate_report_is_redacted_but_identifiers_are_not()
    {
        var report = ParseGateReport();

        var modelCard = Assert.Single(report.Requirements, r => r.Kind == "modelCard");
        Assert.Equal("[email]", modelCard.ExceptionApprovedBy);
        Assert.Equal("Card in review with [email]", modelCard.ExceptionReason);
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
    [InlineData("\"<= 0.01\"", 0.01)]
    [InlineData("\"> 3\"", 3)]
    [InlineData("2.5", 2.5)]
    public void Thresholds_are_read_as_expressions_or_numbers(string threshold, double expected)
    {
        var json = $$"""
            {"schemaVersion":"1.0","system":{"name":"s"},"gate":{"passed":true},
             "metrics":[{"name":"m","value":1,"threshold":{{threshold}},"passed":true}]}
            """;
        var report = EvidenceReportParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), maxDepth: 64);
        Assert.Equal(expected, Assert.Single(report.Metrics).Threshold);
    }

    [Fact]
    public void A_threshold_that_is_no_expression_is_a_clear_error()
    {
        const string json = """
            {"schemaVersion":"1.0","system":{"name":"s"},"gate":{"passed":true},
             "metrics":[{"name":"m","value":1,"threshold":"at least four","passed":true}]}
            """;
        var error = Assert.Throws<IngestionException>(() => EvidenceReportParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), maxDepth: 64));
        Assert.Contains("$.metrics[0].threshold 'at least four' is not a threshold", error.Message, StringComparison.Ordinal);
    }
}
