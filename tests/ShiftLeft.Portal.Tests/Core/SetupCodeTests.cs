using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>The first-admin setup code: a start leaves a valid code alone; only the operator's command replaces it.</summary>
public sealed class SetupCodeTests
{
    private static readonly RequestOrigin Origin = new(AuditChannels.Api, "127.0.0.1");

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_start_keeps_the_valid_code_and_the_setup_code_command_replaces_it(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider); // its start issued the first code
        var again = await portal.WithAsync<IAdminBootstrapService, SetupCodeIssue>(s => s.IssueCodeIfNeededAsync());
        Assert.True(again.EarlierCodeStillValid);
        Assert.InRange(again.ExpiresAt!.Value, TestClock.StartUtc.AddHours(23), TestClock.StartUtc.AddHours(25)); // the 24 h lifetime, on the test clock

        var first = await portal.WithAsync<IAdminBootstrapService, SetupCodeIssue>(s => s.IssueCodeIfNeededAsync(replace: true));
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await OperatorCommands.RunAsync(portal.Services, ["setup-code"], output, error));
        var link = output.ToString().Trim();
        Assert.StartsWith("/setup?code=", link, StringComparison.Ordinal);
        var code = link["/setup?code=".Length..];

        var replaced = await portal.WithAsync<IAdminBootstrapService, BootstrapResult>(s => s.RedeemAsync(first.Code!, "ada@example.test", PortalServer.Password, null, Origin));
        Assert.False(replaced.Succeeded);
        Assert.Contains("wrong, used or expired", Assert.Single(replaced.Errors), StringComparison.Ordinal);
        Assert.True((await portal.WithAsync<IAdminBootstrapService, BootstrapResult>(s => s.RedeemAsync(code, "ada@example.test", PortalServer.Password, null, Origin))).Succeeded);
        Assert.False((await portal.WithAsync<IAdminBootstrapService, BootstrapResult>(s => s.RedeemAsync(code, "bob@example.test", PortalServer.Password, null, Origin))).Succeeded);

        // Setup is closed for good: no code at start, and the command refuses.
        Assert.Equal(SetupCodeIssue.NotNeeded, await portal.WithAsync<IAdminBootstrapService, SetupCodeIssue>(s => s.IssueCodeIfNeededAsync()));
        Assert.Equal(1, await OperatorCommands.RunAsync(portal.Services, ["setup-code"], TextWriter.Null, TextWriter.Null));
    }
}
