namespace ShiftLeft.Portal.Core.Services;

public sealed record IngestionTokenUseDto(long Id, DateTime At, string? Repository, Domain.TokenUseOutcome Outcome, long? RunId, string? Detail);
