using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Admin management of ingestion tokens (every command audited) and their validation for the API.</summary>
public interface IIngestionTokenService
{
    /// <summary>Creates a token. The plaintext is in the result and nowhere else: show it once.</summary>
    Task<CreatedIngestionToken> CreateAsync(CreateIngestionTokenRequest request, PortalActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IngestionTokenDto>> ListAsync(CancellationToken cancellationToken = default);

    Task RevokeAsync(long tokenId, PortalActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IngestionTokenUseDto>> ListUsesAsync(long tokenId, int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Records one presentation of a known token that did not store a run (rejected, forbidden, malformed upload, replay).</summary>
    Task RecordUseAsync(long tokenId, string? repository, Domain.TokenUseOutcome outcome, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Looks a presented bearer token up (constant-time hash comparison). Does not record a use.</summary>
    Task<IngestionTokenValidation> ValidateAsync(string presentedToken, CancellationToken cancellationToken = default);
}
