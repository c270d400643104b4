using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The statistics behind SL1008 against published values: quantiles from standard tables, Wilson intervals and
/// Newcombe's worked example (Statistics in Medicine 17, 1998, table II), Welch's interval recomputed by hand.
/// </summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.02, -2.053748910631823)]
    [InlineData(1e-10, -6.361340902404056)]
    public void Normal_quantiles_match_the_tables(double p, double z) => Assert.Equal(z, NormalQuantile.Of(p), 12);

    [Theory]
    [InlineData(0.95, 1, 6.313751514675)]
    [InlineData(0.975, 10, 2.228138851986)]
    [InlineData(0.95, 30, 1.697260886541)]
    [InlineData(0.99, 5, 3.364929999)]
    [InlineData(0.95, 1000, 1.646378818)]
    public void Student_t_quantiles_match_the_tables(double p, double df, double t) => Assert.Equal(t, StudentT.Quantile(p, df), 8);

    [Fact]
    public void Student_t_quantile_for_fractional_degrees_of_freedom_lies_between_its_neighbours()
    {
        var t = StudentT.Quantile(0.95, 41.5);
        Assert.InRange(t, StudentT.Quantile(0.95, 42), StudentT.Quantile(0.95, 41));
        Assert.Equal(0.95, StudentT.Cdf(t, 41.5), 12);
    }

    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_intervals_match_Newcombe_table_I(int successes, int n, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(successes, n, 1.959963984540054);
        Assert.Equal((low, high), (Math.Round(l, 4), Math.Round(h, 4)));
    }

    [Fact]
    public void Newcombe_difference_interval_matches_the_papers_example()
    {
        // Newcombe 1998, example (a): 56/70 − 48/80, 95% interval 0.0524 to 0.3339 by method 10. A two-sided 95%
        // interval's lower end is the one-sided 97.5% bound the gate computes.
        var bound = DropTest.Of(SampleSummary.Proportion(56, 70), SampleSummary.Proportion(48, 80), higherIsBetter: true, confidence: 0.975)!;

        Assert.Equal(("newcombe-wilson", 0.2), (bound.Method, Math.Round(bound.Drop, 10)));
        Assert.Equal(0.0524, Math.Round(bound.LowerBound, 4));
    }

    [Fact]
    public void Lower_is_better_reverses_the_drop()
    {
        var worse = DropTest.Of(SampleSummary.Proportion(2, 100), SampleSummary.Proportion(12, 100), higherIsBetter: false, confidence: 0.95)!;
        var better = DropTest.Of(SampleSummary.Proportion(12, 100), SampleSummary.Proportion(2, 100), higherIsBetter: false, confidence: 0.95)!;

        Assert.Equal((0.1, -0.1), (Math.Round(worse.Drop, 10), Math.Round(better.Drop, 10)));
        Assert.True(worse.LowerBound > 0);
        Assert.True(better.LowerBound < -0.1);
    }

    [Fact]
    public void Welch_interval_matches_a_hand_computation()
    {
        var baseline = Summary([5, 4, 5, 4, 5, 4, 5, 4]);
        var current = Summary([4, 3, 4, 4, 3, 4, 3, 4, 4, 3]);

        var bound = DropTest.Of(baseline, current, higherIsBetter: true, confidence: 0.95)!;

        // Means 4.5 and 3.6; variances 2/7 and 0.2666…; se and ν as Welch–Satterthwaite, t(0.95, ν) from StudentT.
        var (vb, vc) = (2d / 7, 0.24 * 10 / 9);
        var se = Math.Sqrt((vb / 8) + (vc / 10));
        var df = Math.Pow(se, 4) / (Math.Pow(vb / 8, 2) / 7 + Math.Pow(vc / 10, 2) / 9);
        Assert.Equal(("welch-t", 0.9), (bound.Method, Math.Round(bound.Drop, 10)));
        Assert.Equal(0.9 - (StudentT.Quantile(0.95, df) * se), bound.LowerBound, 12);
        Assert.InRange(df, 14, 16);
    }

    [Fact]
    public void Summaries_combine_like_the_values_they_stand_for()
    {
        var values = new double[] { 0.2, 0.9, 0.4, 0.7, 0.1, 1.0, 0.5 };
        var whole = Summary(values);
        var parts = new SampleAccumulator();
        parts.Add(Summary(values[..3]));
        parts.Add(Summary(values[3..]));

        Assert.Equal(whole.N, parts.Summary.N);
        Assert.Equal(whole.Mean, parts.Summary.Mean, 12);
        Assert.Equal(whole.Variance!.Value, parts.Summary.Variance!.Value, 12);
        Assert.Null(whole.Successes);
        Assert.Equal(3, Summary([1, 0, 1, 1]).Successes);
    }

    [Fact]
    public void Too_few_values_or_values_beyond_range_cannot_be_compared()
    {
        Assert.Null(DropTest.Of(Summary([4]), Summary([3, 4]), true, 0.95));
        Assert.Null(DropTest.Of(Summary([1e308, 1.7e308]), Summary([-1e308, -1.7e308]), true, 0.95));
    }

    private static SampleSummary Summary(double[] values)
    {
        var accumulator = new SampleAccumulator();
        foreach (var value in values)
        {
            accumulator.Add(value);
        }

        return accumulator.Summary;
    }
}
