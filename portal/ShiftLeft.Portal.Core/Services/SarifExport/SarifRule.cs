namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifRule(string Id, SarifText? ShortDescription, string? HelpUri);
