using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Hosting;

/// <summary>Password sign-in for the sign-in page and POST /api/v1/session: the same answer for every kind of wrong input.</summary>
public static class PasswordSignIn
{
    /// <summary>
    /// Signs in (5 wrong passwords lock the account). Credentials holding control characters are wrong without a look-up:
    /// no account has them, and a NUL would fail PostgreSQL's query instead of the sign-in.
    /// </summary>
    public static Task<SignInResult> TryAsync(SignInManager<PortalUser> signIn, string? email, string? password, bool persistent)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password) || email.Any(char.IsControl) || password.Contains('\0', StringComparison.Ordinal))
            return Task.FromResult(SignInResult.Failed);
        return signIn.PasswordSignInAsync(email, password, persistent, lockoutOnFailure: true);
    }
}
