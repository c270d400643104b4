namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifTool(SarifDriver Driver);
