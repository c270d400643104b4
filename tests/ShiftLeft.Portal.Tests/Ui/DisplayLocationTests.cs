using ShiftLeft.Portal.Components.Shared;

namespace ShiftLeft.Portal.Tests.Ui;

/// <summary>A finding's location shows only what its producer gave: no line 0 or column 0 for a result without a region.</summary>
public sealed class DisplayLocationTests
{
    [Theory]
    [InlineData("src/A.cs", 12, 5, 12, 30, "src/A.cs:12:5–12:30", "src/A.cs:12")]
    [InlineData("src/A.cs", 12, 0, 14, 0, "src/A.cs:12–14", "src/A.cs:12")]
    [InlineData("src/A.cs", 12, 0, 0, 0, "src/A.cs:12", "src/A.cs:12")]
    [InlineData("src/A.cs", 0, 0, 0, 0, "src/A.cs", "src/A.cs")]
    [InlineData("", 0, 0, 0, 0, "—", "—")]
    public void A_location_shows_the_parts_the_result_has(string path, int startLine, int startColumn, int endLine, int endColumn, string region, string location)
    {
        Assert.Equal(region, Display.Region(path, startLine, startColumn, endLine, endColumn));
        Assert.Equal(location, Display.Location(path, startLine));
    }

    [Fact]
    public void A_missing_line_is_a_dash() => Assert.Equal(("—", "7"), (Display.Line(0), Display.Line(7)));
}
