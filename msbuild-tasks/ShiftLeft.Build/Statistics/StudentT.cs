namespace ShiftLeft.Build.Statistics;

/// <summary>
/// Student's t distribution for real (Welch–Satterthwaite) degrees of freedom: the CDF through the regularised
/// incomplete beta function (continued fraction, Numerical Recipes 3rd ed. §6.4) and the quantile by bisection — a
/// fixed number of halvings, so the same inputs give the same bound on every machine.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) for <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var x = degreesOfFreedom / (degreesOfFreedom + (t * t));
        var tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / 2, 0.5, x);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>t such that P(T ≤ t) = <paramref name="p"/>, for 0.5 ≤ p &lt; 1 (the bounds the gate needs).</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(p >= 0.5 && p < 1) || !(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"p = {p}, df = {degreesOfFreedom}: need 0.5 ≤ p < 1 and finite df > 0.");
        }

        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p && high < 1e12)
        {
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, high); i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle, degreesOfFreedom) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }
}
