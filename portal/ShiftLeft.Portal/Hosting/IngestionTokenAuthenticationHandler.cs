using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// <c>Authorization: Bearer slt_…</c> for the ingestion API. Unknown tokens fail silently (401); expired or revoked
/// ones fail and the attempt is recorded against the token. Scope (which repositories) is checked by the endpoint,
/// which knows the repository.
/// </summary>
internal sealed class IngestionTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IIngestionTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IngestionToken";
    public const string TokenIdClaim = "shiftleft:token-id";
    public const string AllRepositoriesClaim = "shiftleft:all-repositories";
    public const string RepositoryClaim = "shiftleft:repository";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var validation = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        switch (validation.Status)
        {
            case IngestionTokenStatus.Valid:
                var claims = new List<Claim>
                {
                    new(TokenIdClaim, validation.TokenId!.Value.ToString(CultureInfo.InvariantCulture)),
                    new(ClaimTypes.Name, "token:" + validation.Name),
                    new(AllRepositoriesClaim, validation.AllRepositories ? "true" : "false"),
                };
                claims.AddRange(validation.Repositories.Select(r => new Claim(RepositoryClaim, r)));
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
            case IngestionTokenStatus.Expired or IngestionTokenStatus.Revoked:
                await tokens.RecordUseAsync(validation.TokenId!.Value, Request.Query["repository"].FirstOrDefault(), TokenUseOutcome.Rejected,
                    $"token {validation.Status.ToString().ToLowerInvariant()}", Context.RequestAborted).ConfigureAwait(false);

                return AuthenticateResult.Fail($"The ingestion token is {validation.Status.ToString().ToLowerInvariant()}.");
            default:
                return AuthenticateResult.Fail("Unknown ingestion token.");
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"shiftleft-ingestion\"";
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure?.Message;
        await Results.Problem(
            statusCode: 401,
            title: "Ingestion token required",
            detail: failure ?? "Send 'Authorization: Bearer <token>' with a token an admin created under Admin → Ingestion tokens.",
            type: ProblemTypes.Unauthorized).ExecuteAsync(Context).ConfigureAwait(false);
    }

    /// <summary>Whether the token principal may write to the repository (scopes and names compared by canonical name).</summary>
    public static bool Allows(ClaimsPrincipal principal, string repository) =>
        principal.HasClaim(AllRepositoriesClaim, "true")
        || principal.FindAll(RepositoryClaim).Any(c => RepositoryNames.Same(c.Value, repository));

    public static long? TokenId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(TokenIdClaim), CultureInfo.InvariantCulture, out var id) ? id : null;
}
