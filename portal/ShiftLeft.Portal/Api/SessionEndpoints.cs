using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>
/// Sign-in for scripts and API clients (the UI has its own pages): POST /api/v1/session sets the portal cookie;
/// DELETE signs out (every session of the person ends); POST /api/v1/setup redeems the first-admin code printed at first start (headless installs).
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/session", async (SessionRequest body, SignInManager<PortalUser> signIn) =>
        {
            var result = await PasswordSignIn.TryAsync(signIn, body.Email, body.Password, persistent: false).ConfigureAwait(false);
            return result.Succeeded ? Results.NoContent()
                : Results.Problem(statusCode: 401, title: "Sign-in failed", type: ProblemTypes.Unauthorized,
                    detail: result.IsLockedOut ? "The account is locked." : "Wrong e-mail or password.");
        }).AllowAnonymous().DisableAntiforgery().WithName("SignIn");

        api.MapDelete("/session", async (SignInManager<PortalUser> signIn) =>
        {
            await PortalSessions.SignOutEverywhereAsync(signIn).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("SignOut");

        api.MapPost("/setup", async (SetupRequest body, HttpContext http, IAdminBootstrapService bootstrap) =>
        {
            var result = await bootstrap.RedeemAsync(body.Code ?? "", body.Email ?? "", body.Password ?? "", body.DisplayName, PortalActors.OriginOf(http))
                .ConfigureAwait(false);
            return result.Succeeded ? Results.Created("/api/v1/admin/users", new { result.UserId })
                : Results.Problem(statusCode: 400, title: "Setup failed", type: ProblemTypes.InvalidRequest, detail: string.Join(" ", result.Errors));
        }).AllowAnonymous().DisableAntiforgery().WithName("CreateFirstAdmin");
    }
}

internal sealed record SessionRequest(string? Email, string? Password);

internal sealed record SetupRequest(string? Code, string? Email, string? Password, string? DisplayName);
