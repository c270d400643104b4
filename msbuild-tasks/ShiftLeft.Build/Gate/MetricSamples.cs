using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Gate;

/// <summary>The samples of a metric: its values (or the samples a value summarises), how many errored without one, and the first.</summary>
public sealed record MetricSamples(SampleSummary Summary, int Errored, MetricObservation? First)
{
    /// <summary>The samples of <paramref name="metric"/> (case-insensitive) among <paramref name="observations"/>.</summary>
    public static MetricSamples Of(IEnumerable<MetricObservation> observations, string metric)
    {
        var accumulator = new SampleAccumulator();
        var errored = 0;
        MetricObservation? first = null;
        foreach (var observation in observations)
        {
            if (!string.Equals(observation.Name, metric, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            first ??= observation;
            Add(accumulator, observation, ref errored);
        }

        return new MetricSamples(accumulator.Summary, errored, first);
    }

    /// <summary>Adds one observation: its summary, else its value; a value that never happened counts as errored.</summary>
    internal static void Add(SampleAccumulator accumulator, MetricObservation observation, ref int errored)
    {
        if (observation.Aggregate is { } aggregate)
        {
            accumulator.Add(aggregate);
        }
        else if (observation.Value is { } value)
        {
            accumulator.Add(value);
        }
        else
        {
            errored++;
        }
    }
}
