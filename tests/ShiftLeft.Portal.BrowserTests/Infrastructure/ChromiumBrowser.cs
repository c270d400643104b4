using Microsoft.Playwright;

namespace ShiftLeft.Portal.BrowserTests.Infrastructure;

/// <summary>Launches Debian's Chromium through Playwright (its bundled browsers are never installed or used).</summary>
public static class ChromiumBrowser
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("SHIFTLEFT_CHROMIUM");
        if (string.IsNullOrWhiteSpace(executable)) executable = "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException(
                $"Chromium not found at {executable}. Run `bash eng/install-test-prerequisites.sh` (installs Debian's chromium) or set SHIFTLEFT_CHROMIUM.");

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
        return (playwright, browser);
    }
}
