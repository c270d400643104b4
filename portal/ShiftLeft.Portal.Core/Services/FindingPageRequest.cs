using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record FindingPageRequest(int Page = 1, int PageSize = 50, FindingSort Sort = FindingSort.Severity, bool Descending = true);
