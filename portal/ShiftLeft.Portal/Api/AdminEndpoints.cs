using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>Admin API: ingestion tokens, users, audit log, repository settings. Every command is audited by its service.</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(PortalPolicies.CanAdminister);

        admin.MapGet("/tokens", (IIngestionTokenService tokens, CancellationToken ct) => tokens.ListAsync(ct)).WithName("ListTokens");
        admin.MapPost("/tokens", async (CreateIngestionTokenRequest body, HttpContext http, PortalActors actors, IIngestionTokenService tokens, CancellationToken ct) =>
            {
                var created = await tokens.CreateAsync(body, actors.ForApi(http), ct).ConfigureAwait(false);
                return Results.Created($"/api/v1/admin/tokens/{created.Token.Id}", created);
            })
            .WithName("CreateToken").WithDescription("The plaintext token is in this response only; it is stored as a SHA-256 hash.");
        admin.MapDelete("/tokens/{id:long}", async (long id, HttpContext http, PortalActors actors, IIngestionTokenService tokens, CancellationToken ct) =>
        {
            await tokens.RevokeAsync(id, actors.ForApi(http), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("RevokeToken");
        admin.MapGet("/tokens/{id:long}/uses", (long id, int? take, IIngestionTokenService tokens, CancellationToken ct) =>
            tokens.ListUsesAsync(id, take ?? 100, ct)).WithName("ListTokenUses");

        admin.MapGet("/audit-log", (IAuditLogService audit, string? actor, string? action, string? entityType, string? entityId, DateTime? from, DateTime? to,
            int? page, int? pageSize, CancellationToken ct) =>
            audit.ListAsync(new AuditLogQuery(actor, action, entityType, entityId, from?.ToUniversalTime(), to?.ToUniversalTime(), page ?? 1, pageSize ?? 50), ct))
            .WithName("ListAuditLog");

        admin.MapGet("/users", (IUserAdminService users, CancellationToken ct) => users.ListAsync(ct)).WithName("ListUsers");
        admin.MapPost("/users", async (CreateUserRequest body, HttpContext http, PortalActors actors, IUserAdminService users, CancellationToken ct) =>
            Results.Created("/api/v1/admin/users", await users.CreateAsync(body.Email, body.DisplayName, body.Password, body.Role, actors.ForApi(http), ct)
                .ConfigureAwait(false))).WithName("CreateUser");
        admin.MapPut("/users/{id}/role", async (string id, SetRoleRequest body, HttpContext http, PortalActors actors, IUserAdminService users, CancellationToken ct) =>
        {
            await users.SetRoleAsync(id, body.Role, actors.ForApi(http), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("SetUserRole");
        admin.MapPut("/users/{id}/lockout", async (string id, SetLockoutRequest body, HttpContext http, PortalActors actors, IUserAdminService users, CancellationToken ct) =>
        {
            // A body without the field (or with it misspelt) must not default to false and unlock the account.
            var lockedOut = body.LockedOut ?? throw new PortalValidationException("The body needs 'lockedOut': true to lock the account out, false to unlock it.");
            await users.SetLockedOutAsync(id, lockedOut, actors.ForApi(http), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("SetUserLockout");

        admin.MapPut("/repositories/{id:long}/default-branch", async (long id, SetBranchRequest body, HttpContext http, PortalActors actors, IRepositoryService repositories, CancellationToken ct) =>
        {
            await repositories.SetDefaultBranchAsync(id, body.Branch, actors.ForApi(http), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).WithName("SetDefaultBranch");
    }
}

internal sealed record CreateUserRequest(string Email, string? DisplayName, string Password, string Role);

internal sealed record SetRoleRequest(string Role);

internal sealed record SetLockoutRequest(bool? LockedOut);

internal sealed record SetBranchRequest(string Branch);
