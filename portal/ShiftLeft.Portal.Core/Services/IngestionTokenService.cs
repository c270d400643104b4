using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Tokens look like <c>slt_&lt;prefix&gt;_&lt;secret&gt;</c>; the prefix finds the row, the SHA-256 of the whole token proves it.</summary>
internal sealed class IngestionTokenService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : IIngestionTokenService
{
    private const string Scheme = "slt_";

    public async Task<CreatedIngestionToken> CreateAsync(CreateIngestionTokenRequest request, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandRecentAdmin();
        var now = clock.GetUtcNow().UtcDateTime;
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) throw new PortalValidationException("A token needs a name of 1-200 characters (e.g. the CI pipeline that uses it).");
        if (name.Any(char.IsControl)) throw new PortalValidationException("A token name cannot contain control characters.");
        var named = (request.Repositories ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        if (named.FirstOrDefault(r => !RepositoryNames.IsValid(r)) is { } invalid)
            throw new PortalValidationException($"'{invalid}' is not a repository name: use {RepositoryNames.Grammar}.");
        // Scopes hold canonical names: the upload's repository is compared by its canonical form.
        var repositories = named.Select(RepositoryNames.Canonical).Distinct(StringComparer.Ordinal).ToList();
        if (!request.AllRepositories && repositories.Count == 0)
            throw new PortalValidationException("Scope the token to at least one repository, or to all repositories.");
        if (request.ExpiresAt is { } expires && expires <= now) throw new PortalValidationException("The expiry must be in the future.");

        var prefix = SecretHasher.RandomAlphanumeric(10);
        var plaintext = Scheme + prefix + "_" + SecretHasher.RandomUrlSafe(32);
        var token = new IngestionToken
        {
            Name = name,
            Prefix = prefix,
            SecretHash = SecretHasher.Hash(plaintext),
            AllRepositories = request.AllRepositories,
            RepositoryScope = request.AllRepositories ? "" : string.Join('\n', repositories),
            CreatedAt = now,
            CreatedBy = actor.UserName,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.IngestionTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditWriter.Add(db, actor, AuditActions.TokenCreated, "ingestion-token", token.Id.ToString(CultureInfo.InvariantCulture), null,
            new { token.Name, token.Prefix, token.AllRepositories, repositories, token.ExpiresAt }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedIngestionToken(ToDto(token, now), plaintext);
    }

    public async Task<IReadOnlyList<IngestionTokenDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tokens = await db.IngestionTokens.AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return tokens.Select(t => ToDto(t, now)).ToList();
    }

    public async Task RevokeAsync(long tokenId, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandAdmin();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var token = await db.IngestionTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"Ingestion token {tokenId} does not exist.");
        if (token.RevokedAt is not null) return;
        token.RevokedAt = now;
        token.RevokedBy = actor.UserName;
        AuditWriter.Add(db, actor, AuditActions.TokenRevoked, "ingestion-token", token.Id.ToString(CultureInfo.InvariantCulture),
            new { token.Name, token.Prefix, revokedAt = (DateTime?)null }, new { token.Name, token.Prefix, token.RevokedAt }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IngestionTokenUseDto>> ListUsesAsync(long tokenId, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.IngestionTokenUses.AsNoTracking().Where(u => u.TokenId == tokenId).OrderByDescending(u => u.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(u => new IngestionTokenUseDto(u.Id, u.At, u.Repository, u.Outcome, u.RunId, u.Detail)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IngestionTokenValidation> ValidateAsync(string presentedToken, CancellationToken cancellationToken = default)
    {
        var unknown = new IngestionTokenValidation(IngestionTokenStatus.Unknown, null, null, false, []);
        if (string.IsNullOrEmpty(presentedToken) || presentedToken.Length > 200 || !presentedToken.StartsWith(Scheme, StringComparison.Ordinal)) return unknown;
        var separator = presentedToken.IndexOf('_', Scheme.Length);
        if (separator < 0) return unknown;
        var prefix = presentedToken[Scheme.Length..separator];
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var token = await db.IngestionTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Prefix == prefix, cancellationToken).ConfigureAwait(false);
        if (token is null || !SecretHasher.HashEquals(token.SecretHash, SecretHasher.Hash(presentedToken))) return unknown;
        var now = clock.GetUtcNow().UtcDateTime;
        var status = token.RevokedAt is not null ? IngestionTokenStatus.Revoked
            : token.ExpiresAt is { } e && e <= now ? IngestionTokenStatus.Expired
            : IngestionTokenStatus.Valid;
        return new IngestionTokenValidation(status, token.Id, token.Name, token.AllRepositories, SplitScope(token.RepositoryScope));
    }

    public async Task RecordUseAsync(long tokenId, string? repository, TokenUseOutcome outcome, string? detail, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await RecordUseAsync(db, tokenId, repository, outcome, null, detail, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records one presentation of a known token (its own short transaction, so refused uploads are recorded too). The
    /// repository and detail come from the upload: they are stored without control characters and cut to their columns.
    /// </summary>
    public static async Task RecordUseAsync(PortalDbContext db, long tokenId, string? repository, TokenUseOutcome outcome, long? runId, string? detail, DateTime now, CancellationToken cancellationToken)
    {
        db.IngestionTokenUses.Add(new IngestionTokenUse
        {
            TokenId = tokenId,
            At = now,
            Repository = Storable(repository, 200),
            Outcome = outcome,
            RunId = runId,
            Detail = Storable(detail, 1000),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.IngestionTokens.Where(t => t.Id == tokenId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.UseCount, t => t.UseCount + 1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Upload-supplied text for the use log: without control characters, cut to its column.</summary>
    private static string? Storable(string? text, int max)
    {
        var clean = ControlCharacters.Strip(text, out _);
        return clean?.Length > max ? clean[..max] : clean;
    }

    private static IngestionTokenDto ToDto(IngestionToken t, DateTime now) => new(
        t.Id, t.Name, t.Prefix, t.AllRepositories, SplitScope(t.RepositoryScope), t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy,
        t.LastUsedAt, t.UseCount, t.RevokedAt is null && (t.ExpiresAt is null || t.ExpiresAt > now));

    private static string[] SplitScope(string scope) => scope.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
