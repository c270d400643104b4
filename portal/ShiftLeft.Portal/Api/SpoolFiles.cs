using ShiftLeft.Portal.Core;

namespace ShiftLeft.Portal.Api;

/// <summary>
/// The temp files of uploads (spooled before their transaction) and of audit packages (zipped before they are sent):
/// named so <see cref="Hosting.SpoolSweeper"/> knows them, held with an exclusive lock while in use (an advisory
/// <c>flock</c> on Linux and macOS, a share mode on Windows) and deleted when closed. A process killed mid-request
/// never closes its files; the sweeper removes them once no process holds them.
/// </summary>
internal static class SpoolFiles
{
    public const string Prefix = "shiftleft-spool-";

    /// <summary>What versions before the sweeper named upload spool files; swept too.</summary>
    public const string LegacyUploadPrefix = "shiftleft-upload-";

    public static string DirectoryOf(IngestionOptions options) =>
        string.IsNullOrEmpty(options.SpoolDirectory) ? Path.GetTempPath() : options.SpoolDirectory;

    /// <param name="options">Where spool files go (<see cref="IngestionOptions.SpoolDirectory"/>).</param>
    /// <param name="kind">What the file holds, part of its name: <c>upload</c>, <c>audit-package</c>.</param>
    /// <remarks>
    /// Owner-only (0600) on Linux and macOS: a spool file is a whole upload before redaction, or an audit package, and the
    /// default directory (the system temp directory) is shared by every local account.
    /// </remarks>
    public static FileStream Create(IngestionOptions options, string kind)
    {
        var settings = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) settings.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(DirectoryOf(options), $"{Prefix}{kind}-{Guid.NewGuid():N}"), settings);
    }
}
