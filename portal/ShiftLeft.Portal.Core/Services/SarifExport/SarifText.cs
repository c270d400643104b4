namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifText(string Text);
