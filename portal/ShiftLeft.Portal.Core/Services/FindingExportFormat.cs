namespace ShiftLeft.Portal.Core.Services;

/// <summary>Export formats of findings.</summary>
public enum FindingExportFormat
{
    Csv,
    Json,
    Sarif,
}
