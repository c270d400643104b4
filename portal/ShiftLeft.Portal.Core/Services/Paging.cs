namespace ShiftLeft.Portal.Core.Services;

/// <summary>Clamps paging input from query strings and UI controls.</summary>
public static class Paging
{
    public const int MaxPageSize = 500;

    public static (int Page, int PageSize) Normalize(int page, int pageSize) =>
        (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
}
