namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// <see cref="Repositories"/> are repository names (<see cref="Domain.RepositoryNames"/>; stored canonical, so matched whatever
/// their case); ignored when <see cref="AllRepositories"/>.
/// <see cref="ExpiresAt"/> null means no expiry (allowed, but the UI should default to 90 days).
/// </summary>
public sealed record CreateIngestionTokenRequest(string Name, bool AllRepositories, IReadOnlyCollection<string> Repositories, DateTime? ExpiresAt);
