namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifResult(
    string RuleId,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation>? Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    string BaselineState,
    SarifResultProperties Properties);
