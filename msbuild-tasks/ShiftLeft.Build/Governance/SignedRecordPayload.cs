using System.Globalization;
using System.Text;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// The bytes the portal signs for a record it exports (a release sign-off, an approved exception), and the gate
/// verifies: a header line <c>&lt;format&gt;/&lt;version&gt;</c>, then one line per field in the order the record's
/// schema documents, <c>&lt;name&gt;:&lt;UTF-8 byte length of the value&gt;:&lt;value&gt;</c>, each ending in <c>\n</c>.
/// The length prefix makes the encoding unambiguous — a comment cannot contain a forged "signer" line — and needs no
/// JSON canonicalisation, so any language can produce it. The format in the header keeps a sign-off signature from
/// being replayed as an exception approval.
/// </summary>
public static class SignedRecordPayload
{
    /// <summary>The format name of an exported release sign-off record.</summary>
    public const string SignOffFormat = "shiftleft-signoff";

    /// <summary>The format name of an exported approved-exception record.</summary>
    public const string ExceptionFormat = "shiftleft-exception";

    /// <summary>The only record version so far.</summary>
    public const string Version = "1";

    /// <summary>The signed bytes of a record with these fields, in this order (a name may repeat, e.g. one "risk" per risk id).</summary>
    public static byte[] Of(string format, IEnumerable<(string Name, string Value)> fields)
    {
        var text = new StringBuilder(format).Append('/').Append(Version).Append('\n');
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(':').Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The signed fields of a sign-off record, in their order.</summary>
    public static IEnumerable<(string Name, string Value)> SignOffFields(string system, string commit, string evidenceSha256, string signer, string signedAt, string comment, string keyId) =>
    [
        ("system", system), ("commit", commit), ("evidenceSha256", evidenceSha256), ("signer", signer), ("signedAt", signedAt), ("comment", comment), ("keyId", keyId),
    ];

    /// <summary>The signed fields of an approved-exception record, in their order.</summary>
    public static IEnumerable<(string Name, string Value)> ExceptionFields(string system, string requirement, string reason, string requestedBy, string approvedBy, string approvedAt, string expires, IEnumerable<string> risks, string keyId) =>
    [
        ("system", system), ("requirement", requirement), ("reason", reason), ("requestedBy", requestedBy), ("approvedBy", approvedBy),
        ("approvedAt", approvedAt), ("expires", expires), .. risks.Select(r => ("risk", r)), ("keyId", keyId),
    ];
}
