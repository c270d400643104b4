using System.Globalization;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// Decides which exception, if any, waives a requirement now (SL1006). An exception stops applying when it expired,
/// was requested and approved by the same person, runs longer than riskAcceptance.maxExceptionDays, was approved in
/// the future, or — with four eyes and unsignedExceptions "reject" — was written into shiftleft.json rather than
/// approved in the portal and exported as a signed record: a name typed into a file proves nobody approved anything.
/// </summary>
public static class ExceptionResolver
{
    private static readonly Regex Email = new(@"[^<>\s@]+@[^<>\s@]+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The exception that applies to <paramref name="kind"/> (the one expiring last), after reporting every one that does not.</summary>
    public static PolicyException? Resolve(RequirementContext context, string kind, List<EvidenceDiagnostic> diagnostics)
    {
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var settings = context.Policy.RiskAcceptance;
        PolicyException? active = null;
        foreach (var exception in context.Exceptions.Where(e => e.System == context.System.Name && e.Requirement == kind))
        {
            SourceLocation At(string field) => (exception.Locator ?? context.Policy.Locator).Locate(exception.Pointer + "/" + field);
            var what = $"The exception for {kind} of system '{context.System.Name}' ({(exception.Record is null ? "in " + context.Policy.DisplayPath : "record " + exception.Record)}, approved by {EvidenceDiagnostic.Excerpt(exception.ApprovedBy, 100)})";
            var expires = exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (exception.RequestedBy is { } requester && SamePerson(requester, exception.ApprovedBy))
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, At("approvedBy"), $"{what} was requested and approved by the same person, so it does not apply: accepting a risk needs four eyes. Have someone other than {EvidenceDiagnostic.Excerpt(requester, 100)} approve it."));
                continue;
            }

            if (exception.Record is null && !settings.AllowUnsigned)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, At("approvedBy"), $"{what} is written in {context.Policy.DisplayPath}, where nothing proves who approved it; with riskAcceptance.fourEyes only exceptions approved in the portal and exported as signed records count. Request it in the portal and put the exported record where riskAcceptance.records finds it, or set riskAcceptance.unsignedExceptions to \"allow\"."));
                continue;
            }

            if (exception.ApprovedAt is { } approvedAt && approvedAt > today)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, At("approvedAt"), $"{what} says it was approved on {approvedAt:yyyy-MM-dd}, which is in the future, so it does not apply yet. Write the day it was actually approved."));
                continue;
            }

            if (settings.MaxExceptionDays is { } maxDays)
            {
                var from = exception.ApprovedAt ?? today;
                var length = exception.Expires.DayNumber - from.DayNumber;
                if (length > maxDays)
                {
                    var basis = exception.ApprovedAt is null ? "from today" : $"from its approval on {from:yyyy-MM-dd}";
                    diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, At("expires"), $"{what} runs until {expires}, {length} days {basis}, beyond riskAcceptance.maxExceptionDays ({maxDays}), so it does not apply. Have it approved with an expiry at most {maxDays} days after approval, and renewed when it runs out."));
                    continue;
                }
            }

            var daysLeft = exception.Expires.DayNumber - today.DayNumber;
            if (daysLeft < 0)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ExceptionExpired, At("expires"), $"{what} expired on {expires}. Provide the {kind}, or have the exception re-approved with a new expiry date."));
                continue;
            }

            if (daysLeft < context.ExceptionWarningDays)
            {
                diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.ExceptionExpired, At("expires"), $"{what} expires on {expires}, in {daysLeft} day(s). Provide the {kind} before then, or have the exception renewed."));
            }

            if (active is null || exception.Expires > active.Expires)
            {
                active = exception;
            }
        }

        return active;
    }

    /// <summary>
    /// Whether two names are one person: equal ignoring case and surrounding space, or — when both carry an e-mail
    /// address ("Jane Doe &lt;jane@example.com&gt;", "jane@example.com") — the same address.
    /// </summary>
    public static bool SamePerson(string a, string b)
    {
        if (string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var (mailA, mailB) = (Email.Match(a), Email.Match(b));
        return mailA.Success && mailB.Success && string.Equals(mailA.Value, mailB.Value, StringComparison.OrdinalIgnoreCase);
    }
}
