namespace ShiftLeft.Portal.Core.Services;

/// <summary><see cref="Search"/> matches a substring of the name (case-insensitive).</summary>
public sealed record RepositoryListQuery(string? Search = null, RepositorySort Sort = RepositorySort.Name, bool Descending = false, int Page = 1, int PageSize = 25);
