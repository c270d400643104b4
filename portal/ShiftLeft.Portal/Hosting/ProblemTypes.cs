namespace ShiftLeft.Portal.Hosting;

/// <summary>RFC 7807 <c>type</c> values of the portal's problems (documented in docs/portal.md "Errors").</summary>
internal static class ProblemTypes
{
    public const string MalformedSarif = "urn:shiftleft:problem:malformed-sarif";
    public const string MalformedEvidence = "urn:shiftleft:problem:malformed-evidence";
    public const string InvalidRequest = "urn:shiftleft:problem:invalid-request";
    public const string TooLarge = "urn:shiftleft:problem:too-large";
    public const string Unauthorized = "urn:shiftleft:problem:unauthorized";
    public const string ReauthenticationRequired = "urn:shiftleft:problem:reauthentication-required";
    public const string Forbidden = "urn:shiftleft:problem:forbidden";
    public const string NotFound = "urn:shiftleft:problem:not-found";
    public const string ServerError = "urn:shiftleft:problem:server-error";
}
