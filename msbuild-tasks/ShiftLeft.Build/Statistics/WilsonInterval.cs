namespace ShiftLeft.Build.Statistics;

/// <summary>
/// The Wilson score interval of a proportion (Wilson 1927): unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and
/// keeps its coverage at 0/n, n/n and small n — the common case for pass rates of a few dozen test cases.
/// </summary>
public static class WilsonInterval
{
    /// <summary>
    /// The interval for <paramref name="successes"/> of <paramref name="n"/> at normal quantile <paramref name="z"/>:
    /// centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
    /// </summary>
    public static (double Low, double High) Of(int successes, int n, double z)
    {
        if (n <= 0)
        {
            return (0, 1);
        }

        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2d * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4d * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
