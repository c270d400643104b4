namespace ShiftLeft.Portal.Core;

/// <summary>Configuration section <c>Portal</c>. Every key is documented in docs/portal.md.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public DatabaseOptions Database { get; set; } = new();
    public IngestionOptions Ingestion { get; set; } = new();

    /// <summary>Rule id → OWASP Top 10 for LLM category, merged over the built-in map of ShiftLeft rules.</summary>
    public Dictionary<string, string> OwaspCategories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Public base URL (e.g. https://portal.example.com), used in the printed first-admin link. Empty: a relative link.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Lifetime of the first-admin bootstrap code.</summary>
    public TimeSpan BootstrapCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Development only (tests, demos): the instant the portal's clock reads when it starts; it runs on in real time from
    /// there (<see cref="ShiftedClock"/>). Ignored outside the Development environment.
    /// </summary>
    public DateTimeOffset? ClockStart { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string. For SQLite, when empty, <see cref="SqlitePath"/> is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite file, relative to the content root when not absolute. Created (WAL mode) on first start.</summary>
    public string SqlitePath { get; set; } = "App_Data/shiftleft-portal.db";

    /// <summary>Apply pending migrations at start (default true; turn off when a deployment step migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public sealed class IngestionOptions
{
    /// <summary>Largest request body accepted (compressed bytes as sent). Larger → 413.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Largest SARIF after gzip decompression (guards against decompression bombs). Larger → 413.</summary>
    public long MaxSarifBytes { get; set; } = 2L << 30;

    /// <summary>Largest evidence report (decompressed). Larger → 413.</summary>
    public long MaxEvidenceBytes { get; set; } = 4L << 20;

    /// <summary>Most results in one upload. More → 413.</summary>
    public int MaxResults { get; set; } = 5_000_000;

    /// <summary>Longest single JSON string token (message, snippet, URI). Longer → 400.</summary>
    public int MaxStringBytes { get; set; } = 1 << 20;

    /// <summary>Deepest JSON nesting accepted. Deeper → 400.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Rows written per bulk batch.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Folder for spooling uploads before the transaction starts, and for audit packages being built (default: the
    /// system temp folder). Local to each instance: files are held with an exclusive lock while in use.
    /// </summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>How often spool files no live request holds (left by a crash) are removed; they are also removed at start.</summary>
    public TimeSpan SpoolSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
