using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// A metric's threshold as the gate writes it: the policy's expression (<c>"&gt;= 4"</c>, <c>"&lt;= 0.01"</c>). The bound is
/// kept; whether the value passed is the gate's <c>passed</c>, and the stored report keeps the operator.
/// </summary>
internal sealed partial class ThresholdConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var text = reader.GetString()!;
        var match = Expression().Match(text);
        return match.Success && double.TryParse(match.Groups["bound"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) && double.IsFinite(bound)
            ? bound
            : throw new JsonException($"'{text}' is not a threshold: write an expression such as \">= 4\".");
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Evidence reports are read, never written, by the portal.");

    [GeneratedRegex(@"^\s*(?:>=|<=|==|!=|>|<)?\s*(?<bound>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
