namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifArtifactLocation(string Uri, string UriBaseId);
