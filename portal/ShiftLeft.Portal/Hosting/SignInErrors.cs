namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Why a single sign-on attempt failed, as a short code in the sign-in page's URL (<c>/account/signin?error=no-role</c>).
/// Only codes travel in the URL and the page shows its own text for them: a crafted link cannot make the portal's
/// sign-in page display a message of the sender's choosing.
/// </summary>
public static class SignInErrors
{
    public const string Expired = "expired";
    public const string NoRole = "no-role";
    public const string AccountNotCreated = "account-not-created";
    public const string LoginNotLinked = "login-not-linked";
    public const string LockedOut = "locked-out";
    public const string Failed = "failed";

    /// <summary>The message for a code; any unknown code gets the generic one.</summary>
    public static string Message(string code) => code switch
    {
        Expired => "The single sign-on response was missing or expired; try again.",
        NoRole => "Your account has no portal role; ask an administrator to map your group.",
        AccountNotCreated => "The portal account could not be created; ask an administrator.",
        LoginNotLinked => "The single sign-on login could not be linked to your portal account; ask an administrator.",
        LockedOut => "Your portal account is locked. Try again later or ask an administrator.",
        _ => "Single sign-on failed; try again.",
    };
}
