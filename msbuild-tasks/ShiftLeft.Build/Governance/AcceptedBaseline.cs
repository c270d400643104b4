using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Governance;

/// <summary>One metric of one artifact kind in an accepted baseline, and where it is written.</summary>
public sealed record BaselineMeasurement(string? Kind, string Name, SampleSummary Summary, Place Where);

/// <summary>
/// The evidence report accepted as a system's baseline — from the committed file or from the portal — as far
/// as the regression rules need it: <see cref="Source"/> is file or portal, <see cref="Location"/> the file (relative
/// to shiftleft.json) or the portal URL, <see cref="EntrySha256"/> the SHA-256 of the accepted entry as stored (part
/// of the evidence digest).
/// </summary>
public sealed record AcceptedBaseline(
    string Source,
    string Location,
    string AcceptedBy,
    DateTimeOffset AcceptedAt,
    string? Commit,
    DateTimeOffset? GeneratedAt,
    string? EvidenceSha256,
    string EntrySha256,
    IReadOnlyList<BaselineMeasurement> Measurements)
{
    /// <summary>The measurement of <paramref name="name"/> in the artifact of <paramref name="kind"/> (names case-insensitive).</summary>
    public BaselineMeasurement? Find(string? kind, string name) =>
        Measurements.FirstOrDefault(m => m.Kind == kind && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"commit 0123abc, accepted by … on …", for messages.</summary>
    public string Describe() =>
        $"{(Commit is { Length: >= 7 } c ? "commit " + c.Substring(0, 7) + ", " : string.Empty)}accepted by {Diagnostics.EvidenceDiagnostic.Excerpt(AcceptedBy, 80)} on {AcceptedAt:yyyy-MM-dd}, {Location}";
}

/// <summary>What a baseline source knows about a system.</summary>
public enum BaselineLookupStatus
{
    /// <summary>This source has no baseline for the system; the next source is asked.</summary>
    NotFound,

    /// <summary>A usable baseline.</summary>
    Found,

    /// <summary>A baseline exists but cannot be used (the diagnostics say why); no other source is asked.</summary>
    Invalid,
}

/// <summary>The answer of one <see cref="IBaselineSource"/>.</summary>
public sealed record BaselineLookup(BaselineLookupStatus Status, AcceptedBaseline? Baseline)
{
    public static BaselineLookup NotFound { get; } = new(BaselineLookupStatus.NotFound, null);

    public static BaselineLookup Invalid { get; } = new(BaselineLookupStatus.Invalid, null);
}
