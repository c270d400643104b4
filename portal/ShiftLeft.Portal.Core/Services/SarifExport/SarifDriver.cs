namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifDriver(string Name, string InformationUri, IReadOnlyList<SarifRule> Rules);
