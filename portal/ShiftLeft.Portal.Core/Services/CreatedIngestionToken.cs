namespace ShiftLeft.Portal.Core.Services;

public sealed record CreatedIngestionToken(IngestionTokenDto Token, string PlaintextToken);
