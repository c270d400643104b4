using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Tests.Ui;

/// <summary>Where sign-in goes next: a path on this site, as ASCII a Location header can carry, or the overview.</summary>
public sealed class LocalRedirectTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/findings?severity=Error&rule=SL0003", "/findings?severity=Error&rule=SL0003")]
    [InlineData("/findings?path=Café", "/findings?path=Caf%C3%A9")]
    [InlineData("/répertoire/ü", "/r%C3%A9pertoire/%C3%BC")]
    [InlineData("/findings?path=a b", "/findings?path=a%20b")]
    [InlineData("/findings#x", "/findings#x")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("findings", "/")]
    public void Only_local_paths_pass_and_they_are_ascii(string? returnUrl, string expected)
    {
        var local = LocalRedirect.Sanitize(returnUrl);
        Assert.Equal(expected, local);
        Assert.All(local, c => Assert.True(char.IsAscii(c) && !char.IsControl(c)));
    }
}
