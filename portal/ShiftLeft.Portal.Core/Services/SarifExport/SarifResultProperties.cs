using System.Text.Json.Serialization;

namespace ShiftLeft.Portal.Core.Services.SarifExport;

internal sealed record SarifResultProperties(string Repository, string Branch, [property: JsonPropertyName("owaspLlm")] string? OwaspCategory);
