namespace ShiftLeft.Portal.Core.Services;

/// <summary>One page of a list plus the total count of the filtered list. <see cref="Page"/> is 1-based.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize)
{
    /// <summary>
    /// True when counting stopped at <see cref="TotalCount"/> (a cap): there are at least that many. Show it as "10,000+";
    /// paging reaches the first <see cref="TotalCount"/> items. False means the count is exact.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }

    public int PageCount => PageSize <= 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
