namespace ShiftLeft.Build.Json;

/// <summary>The marker ShiftLeftInit leaves in templates; evidence still containing it is not evidence yet.</summary>
public static class TemplatePlaceholder
{
    /// <summary>The marker text.</summary>
    public const string Marker = "TODO(shiftleft)";

    /// <summary>
    /// The model id ShiftLeftInit writes when none is given: a policy (or evidence) naming it names no model, and
    /// evidence certifying it certifies nothing.
    /// </summary>
    public const string ModelId = "TODO-model-id";

    private static readonly byte[] MarkerBytes = System.Text.Encoding.ASCII.GetBytes(Marker);

    /// <summary>The offset of the first marker, or -1.</summary>
    public static int Find(ReadOnlySpan<byte> bytes) => bytes.IndexOf(MarkerBytes);
}
