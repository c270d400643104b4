namespace ShiftLeft.Build.Statistics;

/// <summary>How far a metric dropped from its baseline, and the one-sided lower confidence bound of that drop.</summary>
/// <param name="Drop">The point estimate: baseline − current when higher is better, current − baseline when lower is.</param>
/// <param name="LowerBound">With the test's confidence, the true drop is at least this.</param>
/// <param name="Method">newcombe-wilson (both sides proportions) or welch-t.</param>
public sealed record DropBound(double Drop, double LowerBound, string Method);

/// <summary>
/// Decides whether a drop is more than noise. The gate fails a regression only when the lower confidence bound of
/// the drop exceeds the allowed drop: a flaky evaluation whose point estimate dips below the allowance passes.
/// <list type="bullet">
/// <item>Both sides 0/1 outcomes (pass rates): Newcombe's hybrid score interval for a difference of proportions
/// (Newcombe 1998, method 10), built from the Wilson intervals of both sides: for d = p_b − p_c,
/// L = d − √((p_b − l_b)² + (u_c − p_c)²), with z = Φ⁻¹(confidence).</item>
/// <item>Otherwise (scores): Welch's t-interval for a difference of means: L = d − t(confidence, ν)·se with
/// se = √(s_b²/n_b + s_c²/n_c) and ν = se⁴ / ((s_b²/n_b)²/(n_b − 1) + (s_c²/n_c)²/(n_c − 1)); needs two values a side.</item>
/// </list>
/// Both bounds are one-sided at the confidence given (0.95 by default).
/// </summary>
public static class DropTest
{
    /// <summary>The drop and its lower bound; null when a side has too few values for its method, or values beyond a double's range.</summary>
    public static DropBound? Of(SampleSummary baseline, SampleSummary current, bool higherIsBetter, double confidence)
    {
        if (baseline.N == 0 || current.N == 0 || !double.IsFinite(baseline.Mean) || !double.IsFinite(current.Mean))
        {
            return null;
        }

        var drop = higherIsBetter ? baseline.Mean - current.Mean : current.Mean - baseline.Mean;
        if (baseline.Successes is { } kb && current.Successes is { } kc)
        {
            var z = NormalQuantile.Of(confidence);
            var (lb, ub) = WilsonInterval.Of(kb, baseline.N, z);
            var (lc, uc) = WilsonInterval.Of(kc, current.N, z);
            var (pb, pc) = (baseline.Mean, current.Mean);
            var margin = higherIsBetter
                ? Math.Sqrt(((pb - lb) * (pb - lb)) + ((uc - pc) * (uc - pc)))
                : Math.Sqrt(((pc - lc) * (pc - lc)) + ((ub - pb) * (ub - pb)));
            return new DropBound(drop, drop - margin, "newcombe-wilson");
        }

        if (baseline.Variance is not { } vb || current.Variance is not { } vc)
        {
            return null;
        }

        var (wb, wc) = (vb / baseline.N, vc / current.N);
        var se = Math.Sqrt(wb + wc);
        if (!double.IsFinite(se) || !double.IsFinite(drop))
        {
            // Values near the limits of a double have no usable spread.
            return null;
        }

        if (se == 0)
        {
            // No spread on either side: the values are exact and the drop is what it is.
            return new DropBound(drop, drop, "welch-t");
        }

        // Welch–Satterthwaite, with both variance terms scaled by the larger so that large scores cannot overflow.
        var scale = Math.Max(wb, wc);
        var (sb, sc) = (wb / scale, wc / scale);
        var df = ((sb + sc) * (sb + sc)) / ((sb * sb / (baseline.N - 1)) + (sc * sc / (current.N - 1)));
        if (!double.IsFinite(df) || df <= 0)
        {
            return null;
        }

        return new DropBound(drop, drop - (StudentT.Quantile(confidence, df) * se), "welch-t");
    }
}
