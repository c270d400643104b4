namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion? Region);
