using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Api;
using ShiftLeft.Portal.Core;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Removes spool files (<see cref="SpoolFiles"/>) that no process holds any more: a portal killed mid-upload (kill -9,
/// a crash, a pulled plug) never deletes its ~upload-sized file. Runs once at start, before the server takes requests,
/// and then every <see cref="IngestionOptions.SpoolSweepInterval"/>. A file is removed only when it can be opened
/// exclusively, so a request still writing or reading one (in this instance or another on the same machine) keeps it.
/// </summary>
internal sealed partial class SpoolSweeper(IOptions<PortalOptions> options, TimeProvider clock, ILogger<SpoolSweeper> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Sweep();
        // Runs until its first wait, so the next sweep is scheduled when StartAsync returns.
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped again after it was disposed (WebApplicationFactory does on teardown): nothing left to stop.
        if (Volatile.Read(ref _disposed) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try { await _loop.WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.Ingestion.SpoolSweepInterval, clock, cancellationToken).ConfigureAwait(false);
                Sweep();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Removes every orphaned spool file of the spool directory; returns how many.</summary>
    internal int Sweep()
    {
        var directory = SpoolFiles.DirectoryOf(options.Value.Ingestion);
        if (!Directory.Exists(directory)) return 0;
        var (count, bytes) = (0, 0L);
        foreach (var path in Directory.EnumerateFiles(directory, SpoolFiles.Prefix + "*").Concat(Directory.EnumerateFiles(directory, SpoolFiles.LegacyUploadPrefix + "*")))
        {
            try
            {
                // Exclusive, or not at all: a file some live request holds cannot be opened so and stays.
                using var orphan = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                bytes += orphan.Length;
                count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, or gone meanwhile, or not ours to delete: leave it.
            }
        }

        if (count > 0) LogRemoved(logger, count, bytes / (1024.0 * 1024.0), directory);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} spool files ({Megabytes:0.0} MB) left by requests that never finished (a crash or kill) from {Directory}.")]
    private static partial void LogRemoved(ILogger logger, int count, double megabytes, string directory);
}
