namespace ShiftLeft.Build.Statistics;

/// <summary>
/// Builds a <see cref="SampleSummary"/> one value (Welford's update) or one summary (Chan et al.'s pairwise
/// combination) at a time: one pass, numerically stable, whatever the number of values.
/// </summary>
public sealed class SampleAccumulator
{
    private int _n;
    private double _mean;
    private double _squaredDeviations;
    private int _successes;
    private bool _binary = true;

    /// <summary>The values added so far.</summary>
    public SampleSummary Summary => new(_n, _mean, _squaredDeviations, _binary && _n > 0 ? _successes : null);

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        _n++;
        var delta = value - _mean;
        _mean += delta / _n;
        _squaredDeviations += delta * (value - _mean);
        if (value == 1)
        {
            _successes++;
        }
        else if (value != 0)
        {
            _binary = false;
        }
    }

    /// <summary>Adds the values a summary stands for.</summary>
    public void Add(SampleSummary summary)
    {
        if (summary.N == 0)
        {
            return;
        }

        var n = _n + summary.N;
        var delta = summary.Mean - _mean;
        _squaredDeviations += summary.SquaredDeviations + (delta * delta * _n * summary.N / n);
        _mean += delta * summary.N / n;
        _n = n;
        if (summary.Successes is { } successes)
        {
            _successes += successes;
        }
        else
        {
            _binary = false;
        }
    }
}
