using System.Globalization;
using System.Text.RegularExpressions;

namespace ShiftLeft.Build.Policy;

/// <summary>A metric threshold such as <c>&gt;= 4</c> or <c>&lt;= 0.01</c>, compared against a numeric metric value.</summary>
public sealed class ThresholdExpression
{
    private static readonly Regex Syntax = new(
        @"^\s*(?<op>>=|<=|==|!=|>|<)\s*(?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|true|false)\s*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private ThresholdExpression(string text, string op, double value)
    {
        Text = text.Trim();
        Operator = op;
        Value = value;
    }

    /// <summary>The expression as written in the policy, trimmed.</summary>
    public string Text { get; }

    /// <summary>One of &gt;=, &gt;, &lt;=, &lt;, ==, !=.</summary>
    public string Operator { get; }

    /// <summary>The bound; booleans are 1 (true) and 0 (false).</summary>
    public double Value { get; }

    /// <summary>Parses an expression; null when it is not of the form "&lt;operator&gt; &lt;number|true|false&gt;".</summary>
    public static ThresholdExpression? TryParse(string text)
    {
        // A comparison is a few characters; a long string is no comparison, and no regex should spend its timeout on it.
        if (text.Length > 64)
        {
            return null;
        }

        var match = Syntax.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var raw = match.Groups["value"].Value;
        var value = raw switch
        {
            "true" => 1d,
            "false" => 0d,
            _ => double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return double.IsFinite(value) ? new ThresholdExpression(text, match.Groups["op"].Value, value) : null;
    }

    /// <summary>Whether <paramref name="actual"/> satisfies the threshold.</summary>
    public bool IsMetBy(double actual) => Operator switch
    {
        ">=" => actual >= Value,
        ">" => actual > Value,
        "<=" => actual <= Value,
        "<" => actual < Value,
        "==" => Math.Abs(actual - Value) < 1e-9,
        _ => Math.Abs(actual - Value) >= 1e-9,
    };

    public override string ToString() => Text;
}
