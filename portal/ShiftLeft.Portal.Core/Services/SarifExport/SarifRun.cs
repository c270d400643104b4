using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Services.SarifExport;

/// <summary>
/// One run. Results stream from the database; <see cref="Tool"/> is written after them (JSON does not order properties)
/// and lists exactly the rules the results used, which are known only once they are all written.
/// </summary>
internal sealed class SarifRun(IAsyncEnumerable<SarifResult> results, Func<SarifTool> tool)
{
    [JsonPropertyOrder(0)]
    public IAsyncEnumerable<SarifResult> Results => results;

    [JsonPropertyOrder(1)]
    public SarifTool Tool => tool();
}
