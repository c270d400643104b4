using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Services.SarifExport;

/// <summary>
/// The SARIF 2.1.0 log the portal exports (open findings with repository-relative URIs and the portal's fingerprints), as
/// records System.Text.Json writes: this folder is the shape of the document, <see cref="Services.ExportService"/> fills it.
/// </summary>
internal sealed record SarifLog(IReadOnlyList<SarifRun> Runs)
{
    [JsonPropertyName("$schema"), JsonPropertyOrder(-2)]
    public string Schema => "https://json.schemastore.org/sarif-2.1.0.json";

    [JsonPropertyOrder(-1)]
    public string Version => "2.1.0";
}
