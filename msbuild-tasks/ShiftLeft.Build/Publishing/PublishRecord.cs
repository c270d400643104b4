using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShiftLeft.Build.Publishing;

/// <summary>
/// What one project build contributes to its solution's upload: written into the project's intermediate folder by
/// every build (before it compiles, so a failing build still contributes) and read by whoever uploads — the
/// solution's publishing hook or the shiftleft tool.
/// </summary>
public sealed record PublishRecord
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>Full path of the project file.</summary>
    public string Project { get; init; } = "";

    public string? TargetFramework { get; init; }

    /// <summary>The compiler's SARIF 2.1 log; null when none is written (not a C# project, or SARIF turned off).</summary>
    public string? Sarif { get; init; }

    /// <summary>Why the project's own ErrorLog cannot be published, when it cannot.</summary>
    public string? SarifProblem { get; init; }

    /// <summary>The gate's evidence report path (it exists only when the project belongs to a system).</summary>
    public string? Evidence { get; init; }

    /// <summary>The policy (shiftleft.json) the gate read: the evidence report's paths are relative to its folder.</summary>
    public string? Policy { get; init; }

    /// <summary>The publishing properties of the project (<see cref="PublishSettings.Properties"/>), non-empty ones only.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a record; null (with the reason in <paramref name="problem"/>) when it is unreadable or of another format.</summary>
    public static PublishRecord? Read(string path, out string? problem)
    {
        try
        {
            var record = JsonSerializer.Deserialize<PublishRecord>(File.ReadAllText(path), Json);
            problem = record is null || record.Format != CurrentFormat || record.Project.Length == 0
                ? $"{path} is not a ShiftLeft publish record of format {CurrentFormat}"
                : null;
            return problem is null ? record : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            problem = $"{path} cannot be read ({ex.Message})";
            return null;
        }
    }
}
