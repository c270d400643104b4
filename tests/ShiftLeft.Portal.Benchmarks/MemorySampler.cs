using System.Diagnostics;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>
/// Samples the process working set and the managed heap every 20 ms during a measurement, so the memory an upload
/// itself needs (peak minus the working set just before it: runtime, EF model, JIT) can be told from the process total.
/// </summary>
internal sealed class MemorySampler
{
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakHeap;

    private MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using (var self = Process.GetCurrentProcess()) _baseline = self.WorkingSet64;
        _loop = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                self.Refresh();
                _peakWorkingSet = Math.Max(_peakWorkingSet, self.WorkingSet64);
                _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public static MemorySampler Start() => new();

    public (long Baseline, long PeakDelta, long PeakHeap) Stop()
    {
        _stop.Cancel();
        _loop.Wait();
        return (_baseline, Math.Max(0, _peakWorkingSet - _baseline), _peakHeap);
    }
}
