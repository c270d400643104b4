namespace ShiftLeft.Build.Statistics;

/// <summary>
/// What the regression and fairness checks know of a metric's values: how many, their mean, their spread (the sum of
/// squared deviations from the mean), and — when every value is a 0/1 outcome — how many were 1, which makes them a
/// proportion judged by Wilson intervals rather than a mean judged by a t-interval. A class, not a struct: a metric
/// observation carries one only when its file summarised several samples, and a null reference costs 8 bytes.
/// </summary>
public sealed record SampleSummary(int N, double Mean, double SquaredDeviations, int? Successes)
{
    /// <summary>True when every value is 0 or 1 (a pass/fail outcome): <see cref="Successes"/> of <see cref="N"/>.</summary>
    public bool IsProportion => Successes is not null;

    /// <summary>The sample variance (n − 1 in the denominator); null below two values.</summary>
    public double? Variance => N > 1 ? SquaredDeviations / (N - 1) : null;

    /// <summary>The sample standard deviation; null below two values.</summary>
    public double? StandardDeviation => Variance is { } variance ? Math.Sqrt(variance) : null;

    /// <summary>A proportion: <paramref name="successes"/> 1s among <paramref name="n"/> 0/1 outcomes.</summary>
    public static SampleSummary Proportion(int successes, int n)
    {
        var p = n == 0 ? 0 : (double)successes / n;
        return new SampleSummary(n, p, n * p * (1 - p), successes);
    }

    /// <summary>A mean of <paramref name="n"/> values whose sample standard deviation is <paramref name="standardDeviation"/>.</summary>
    public static SampleSummary OfMean(int n, double mean, double standardDeviation) =>
        new(n, mean, n > 1 ? standardDeviation * standardDeviation * (n - 1) : 0, null);
}
