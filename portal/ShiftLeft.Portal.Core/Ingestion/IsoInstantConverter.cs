using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>An ISO 8601 date or instant of an evidence report, as UTC (a date without a time is its midnight UTC).</summary>
internal sealed class IsoInstantConverter : JsonConverter<DateTime?>
{
    public override bool HandleNull => true;

    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var text = reader.GetString()!;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw new JsonException($"'{text}' is not an ISO 8601 date.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Evidence reports are read, never written, by the portal.");
}
