using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShiftLeft.Portal.Api;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Hosting;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// Spool files a crashed or killed portal left behind are removed at start and then periodically; files a live request
/// holds, and files that are not spool files, stay. (The browser-test project kills a real portal mid-upload.)
/// </summary>
public sealed class SpoolSweeperTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("shiftleft-spool-test-").FullName;

    private IOptions<PortalOptions> Options(TimeSpan? interval = null) =>
        Microsoft.Extensions.Options.Options.Create(new PortalOptions
        {
            Ingestion = new IngestionOptions { SpoolDirectory = directory, SpoolSweepInterval = interval ?? TimeSpan.FromHours(1) },
        });

    private string Orphan(string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, new byte[4096]);
        return path;
    }

    [Fact]
    public void A_spool_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // Windows has no mode bits; the file is opened FileShare.None there.
        using var file = SpoolFiles.Create(Options().Value.Ingestion, "upload");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Name));
    }

    [Fact]
    public void Orphaned_spool_files_are_removed_and_files_in_use_or_not_spool_files_stay()
    {
        var orphan = Orphan(SpoolFiles.Prefix + "upload-" + Guid.NewGuid().ToString("N"));
        var legacy = Orphan(SpoolFiles.LegacyUploadPrefix + Guid.NewGuid().ToString("N"));
        var unrelated = Orphan("notes.txt");
        var options = Options();
        string live;
        using (var inUse = SpoolFiles.Create(options.Value.Ingestion, "upload"))
        {
            inUse.Write(new byte[100]);
            live = inUse.Name;
            using var sweeper = new SpoolSweeper(options, TimeProvider.System, NullLogger<SpoolSweeper>.Instance);
            Assert.Equal(2, sweeper.Sweep());
            Assert.False(File.Exists(orphan));
            Assert.False(File.Exists(legacy));
            Assert.True(File.Exists(unrelated));
            Assert.True(File.Exists(live), "a file a live request holds was removed");
            Assert.Equal(100, inUse.Length);
        }

        Assert.False(File.Exists(live), "a spool file outlived its request");
    }

    [Fact]
    public async Task The_sweep_runs_at_start_and_again_every_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var beforeStart = Orphan(SpoolFiles.Prefix + "upload-before");
        using var sweeper = new SpoolSweeper(Options(TimeSpan.FromMinutes(30)), clock, NullLogger<SpoolSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);
        Assert.False(File.Exists(beforeStart), "not swept at start");

        var later = Orphan(SpoolFiles.Prefix + "upload-later");
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(File.Exists(later));
        clock.Advance(TimeSpan.FromMinutes(1));
        // The periodic sweep runs on the sweeper's own task once the fake clock fires its timer: wait for its effect.
        for (var i = 0; i < 200 && File.Exists(later); i++) await Task.Delay(50);
        Assert.False(File.Exists(later), "not swept after the interval");
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_portal_sweeps_its_spool_directory_when_it_starts()
    {
        var orphan = Orphan(SpoolFiles.Prefix + "upload-" + Guid.NewGuid().ToString("N"));
        await using var server = await PortalServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Portal:Ingestion:SpoolDirectory"] = directory });
        Assert.False(File.Exists(orphan));
        // And uploads still spool there and clean up after themselves.
        using var client = server.TokenClient(await server.CreateTokenAsync(allRepositories: true));
        using var upload = await client.PostAsync(Uploads.Query("contoso/spooled", "s1"),
            Uploads.Json(SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "m", "file:///w/spooled/A.cs", 1)])));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(directory));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
