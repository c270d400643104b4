namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifRegion(int StartLine, int? StartColumn);
