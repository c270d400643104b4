namespace ShiftLeft.Portal.Components.Shared.Charts;

/// <summary>Y-axis tick spacing for counts: about five whole-number ticks whatever the largest value (MudBlazor's default is 20).</summary>
public static class ChartScale
{
    public static int TickFor(double max)
    {
        if (max <= 5) return 1;
        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return (int)Math.Max(1, step);
    }
}
