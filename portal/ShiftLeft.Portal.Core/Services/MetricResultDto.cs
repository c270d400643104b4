using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>One threshold in one artifact: <see cref="Kind"/> tells entries of the same metric name apart.</summary>
public sealed record MetricResultDto(string Name, string? Kind, double? Value, double? Threshold, bool Passed, string? Source);
