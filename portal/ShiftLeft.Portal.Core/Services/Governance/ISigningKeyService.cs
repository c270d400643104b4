namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>The portal's signing key for exported records (created on first use). Anyone who can view may read the public half.</summary>
public interface ISigningKeyService
{
    Task<SigningKeyDto> GetPublicKeyAsync(CancellationToken cancellationToken = default);
}
