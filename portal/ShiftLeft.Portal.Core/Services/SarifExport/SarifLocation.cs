namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);
