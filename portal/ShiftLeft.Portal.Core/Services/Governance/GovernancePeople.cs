using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// How signed records name people ("Rita Reviewer &lt;rita@example.com&gt;", as the audit log does), and the four-eyes
/// test the gate applies to them: two names are the same person when they are the same text ignoring case or carry the
/// same e-mail address.
/// </summary>
internal static class GovernancePeople
{
    public const int MaxLength = 200;

    public static async Task<string> NameAsync(PortalDbContext db, PortalActor actor, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.DisplayName, u.Email })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var name = user is null ? actor.UserName : AuditPeople.Describe(user.DisplayName, user.Email);
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    public static bool SamePerson(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase)
        || (Email(a) is { } x && Email(b) is { } y && string.Equals(x, y, StringComparison.OrdinalIgnoreCase));

    private static string? Email(string name)
    {
        var open = name.LastIndexOf('<');
        var candidate = open >= 0 && name.EndsWith('>') ? name[(open + 1)..^1] : name.Trim();
        return MailAddress.TryCreate(candidate, out var address) ? address.Address : null;
    }
}
