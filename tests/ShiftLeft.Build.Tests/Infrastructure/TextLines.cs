namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>Where a snippet is in a text, as the gate reports it: the 1-based line of its first occurrence.</summary>
public static class TextLines
{
    public static int LineOf(string text, string snippet)
    {
        var index = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{snippet}' not found");
        return text.Substring(0, index).Count(c => c == '\n') + 1;
    }
}
