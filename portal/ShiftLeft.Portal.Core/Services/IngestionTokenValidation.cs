namespace ShiftLeft.Portal.Core.Services;

public sealed record IngestionTokenValidation(IngestionTokenStatus Status, long? TokenId, string? Name, bool AllRepositories, IReadOnlyList<string> Repositories);
