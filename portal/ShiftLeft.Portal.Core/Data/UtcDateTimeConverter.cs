using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// Reads every stored <see cref="DateTime"/> as UTC (the portal writes nothing else), so the API, exports and pages always
/// carry the offset (ISO 8601 <c>…Z</c>) whichever provider read it.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
