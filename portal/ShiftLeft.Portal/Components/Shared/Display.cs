using System.Globalization;
using MudBlazor;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>How enums, dates and numbers read on every page (one place, so a grid and a detail page never disagree).</summary>
public static class Display
{
    public static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "Error",
        FindingSeverity.Warning => "Warning",
        FindingSeverity.Note => "Note",
        _ => "None",
    };

    public static Color SeverityColor(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => Color.Error,
        FindingSeverity.Warning => Color.Warning,
        FindingSeverity.Note => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Chart colours in severity order Error, Warning, Note, None (the theme's palette values).</summary>
    public static string SeverityHex(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "#c62828",
        FindingSeverity.Warning => "#ef6c00",
        FindingSeverity.Note => "#0277bd",
        _ => "#90a4ae",
    };

    public static string State(FindingState state) => state switch
    {
        FindingState.New => "New",
        FindingState.Unchanged => "Unchanged",
        FindingState.Fixed => "Fixed",
        FindingState.Reintroduced => "Reintroduced",
        _ => state.ToString(),
    };

    public static Color StateColor(FindingState state) => state switch
    {
        FindingState.New => Color.Primary,
        FindingState.Reintroduced => Color.Error,
        FindingState.Fixed => Color.Success,
        _ => Color.Default,
    };

    public static string Triage(TriageStatus status) => status switch
    {
        TriageStatus.None => "Untriaged",
        TriageStatus.FalsePositive => "False positive",
        TriageStatus.WontFix => "Won't fix",
        TriageStatus.UsedInTests => "Used in tests",
        TriageStatus.AcceptedRisk => "Risk accepted",
        _ => status.ToString(),
    };

    public static string DismissReason(DismissReason reason) => reason switch
    {
        Core.Domain.DismissReason.FalsePositive => "False positive",
        Core.Domain.DismissReason.WontFix => "Won't fix",
        Core.Domain.DismissReason.UsedInTests => "Used in tests",
        _ => reason.ToString(),
    };

    public static string Evidence(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Present => "Present",
        EvidenceStatus.Missing => "Missing",
        EvidenceStatus.Invalid => "Invalid",
        EvidenceStatus.Failing => "Failing",
        EvidenceStatus.Stale => "Stale",
        EvidenceStatus.Excepted => "Excepted",
        _ => status.ToString(),
    };

    public static Color EvidenceColor(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Present => Color.Success,
        EvidenceStatus.Excepted => Color.Info,
        EvidenceStatus.Stale => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>UTC timestamps as stored, labelled so nobody mistakes them for local time.</summary>
    public static string When(DateTime? utc) =>
        utc is null ? "—" : utc.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Day(DateTime? utc) =>
        utc is null ? "—" : utc.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(double? value) =>
        value is null ? "—" : value.Value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Days(double? value) =>
        value is null ? "—" : value.Value.ToString("0.#", CultureInfo.InvariantCulture) + " d";

    public static string Gate(bool? passed) => passed switch { true => "Passed", false => "Failed", null => "No gate" };

    public static Color GateColor(bool? passed) => passed switch { true => Color.Success, false => Color.Error, null => Color.Default };

    /// <summary>Where a finding is, as a grid shows it: <c>src/A.cs:12</c>; the path alone for a result without a region, "—" without a location.</summary>
    public static string Location(string path, int startLine) =>
        path.Length == 0 ? "—" : startLine > 0 ? path + ":" + startLine.ToString(CultureInfo.InvariantCulture) : path;

    /// <summary>The whole region, as a finding's page shows it: <c>src/A.cs:12:5–12:30</c>, with only the parts the producer gave.</summary>
    public static string Region(string path, int startLine, int startColumn, int endLine, int endColumn)
    {
        if (path.Length == 0 || startLine <= 0) return Location(path, startLine);
        var end = endLine > 0 ? endLine : startLine;
        return startColumn > 0 && endColumn > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{path}:{startLine}:{startColumn}–{end}:{endColumn}")
            : end == startLine ? Location(path, startLine) : string.Create(CultureInfo.InvariantCulture, $"{path}:{startLine}–{end}");
    }

    /// <summary>A line number, "—" for none (0: the result had no region).</summary>
    public static string Line(int line) => line > 0 ? line.ToString(CultureInfo.InvariantCulture) : "—";
}
