using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// Decides whether an identifier names personal data by its HEAD NOUN: the identifier's last words, split on
    /// camelCase / PascalCase / snake_case boundaries, must spell a personal-data term. <c>customerEmail</c> and
    /// <c>user_phone</c> match; <c>EmailTemplateId</c> and <c>PhoneCount</c> do not, because there the personal
    /// term is only a modifier of something else (an id, a count).
    /// </summary>
    internal sealed class PersonalDataNames
    {
        /// <summary>Built-in terms, written as the concatenation of their lower-case words.</summary>
        internal static readonly ImmutableArray<string> BuiltInTerms = ImmutableArray.Create(
            "email", "emailaddress", "mailaddress",
            "phone", "phonenumber", "telephone", "telephonenumber", "mobile", "mobilenumber", "mobilephone", "cellphone",
            "ssn", "socialsecuritynumber",
            "dateofbirth", "birthdate", "birthday", "dob",
            "firstname", "lastname", "fullname", "surname", "givenname", "familyname", "middlename",
            "address", "streetaddress", "homeaddress", "addressline", "postalcode", "zipcode", "postcode",
            "passport", "passportnumber", "passportno",
            "creditcard", "creditcardnumber", "cardnumber",
            "iban",
            "nationalid", "nationalidnumber", "taxid", "taxidentificationnumber",
            "ipaddress");

        // "address" alone is the head noun of many technical names; these modifiers make it a machine's address.
        private static readonly ImmutableHashSet<string> TechnicalAddressModifiers = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "mac", "base", "server", "host", "hardware", "memory", "bind", "binding", "listen", "listening", "endpoint",
            "url", "uri", "web", "proxy", "gateway", "network", "broadcast", "multicast", "loopback", "local",
            "socket", "service", "api", "contract", "return", "start", "end", "entry", "virtual", "physical",
            "relative", "absolute", "target", "destination", "node", "bus", "device",
            "redirect", "callback", "reply");

        /// <summary>Words naming a person: a name on or after one is the person's name.</summary>
        internal static readonly ImmutableHashSet<string> PersonWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "customer", "user", "patient", "employee", "member", "client", "applicant", "contact", "author", "recipient", "sender", "person",
            "doctor", "physician", "nurse", "staff", "student", "guest", "passenger", "traveler", "traveller", "attendee");

        // In identifiers, "member" and "client" mostly name code (callerMemberName, memberName in reflection) and HTTP
        // clients (IHttpClientFactory's clientName): they name a person only as a type (a Member's or a Client's Name).
        private static readonly ImmutableHashSet<string> PersonWordsInCompounds = PersonWords.Remove("member").Remove("client");

        // UserProfile, CustomerDto, PatientRecord describe the person the first word names.
        private static readonly ImmutableHashSet<string> PersonTypeSuffixes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "info", "profile", "dto", "model", "entity", "record", "details", "data", "view", "summary", "account");

        /// <summary>The word every name-based person's name has: <c>Name</c>, <c>DisplayName</c>, <c>customerName</c>, <c>username</c>.</summary>
        public const string NameWord = "name";

        /// <summary>A person's name in one word: <c>username</c>, <c>UserName</c>.</summary>
        public const string UserNameWord = "username";

        /// <summary>
        /// Words beside which a bare name can be a person's: the person words, and where a signed-in person's name is read
        /// (<c>User.Identity.Name</c>, a principal's or a claim's "name").
        /// </summary>
        public static IEnumerable<string> PersonContextWords => PersonWords.Concat(new[] { "identity", "principal", "claim" });

        private readonly ImmutableArray<string> _terms;
        private readonly int _longestTermWordCount;

        private PersonalDataNames(ImmutableArray<string> terms)
        {
            _terms = terms;
            _longestTermWordCount = 6;
        }

        /// <summary>The terms a name's head noun is compared with, built-in and configured, as the concatenation of their lower-case words.</summary>
        public ImmutableArray<string> Terms => _terms;

        /// <summary>The matcher with only the built-in terms.</summary>
        public static PersonalDataNames Default { get; } = new PersonalDataNames(BuiltInTerms);

        /// <summary>
        /// The built-in terms plus the configured ones (<c>shiftleft.personal_data_names</c>). A configured entry is
        /// normalised the same way an identifier is, so <c>loyalty_number</c>, <c>LoyaltyNumber</c> and
        /// <c>loyaltynumber</c> are the same term.
        /// </summary>
        public static PersonalDataNames WithAdditionalTerms(IEnumerable<string>? configuredNames)
        {
            if (configuredNames is null)
                return Default;

            var extra = configuredNames
                .Select(name => string.Concat(SplitWords(name.Trim())))
                .Where(term => term.Length > 0)
                .ToList();
            return extra.Count == 0
                ? Default
                : new PersonalDataNames(BuiltInTerms.AddRange(extra).Distinct().ToImmutableArray());
        }

        /// <summary>True when <paramref name="identifier"/>'s head noun is a personal-data term.</summary>
        public bool IsPersonalDataName(string? identifier)
        {
            if (identifier is null || identifier.Length == 0)
                return false;

            var words = SplitWords(identifier);
            // Trailing numbers are ordinals (AddressLine1, Phone2), not the head noun.
            var end = words.Count;
            while (end > 0 && char.IsDigit(words[end - 1][0]))
                end--;
            if (end == 0)
                return false;

            if (EndsWithTerm(words, end) || IsPersonNameCompound(words, end))
                return true;

            // Plurals name collections of the same data: Emails, PhoneNumbers, addresses.
            var last = words[end - 1];
            foreach (var plural in new[] { "es", "s" })
            {
                if (last.Length > plural.Length + 1 && last.EndsWith(plural, StringComparison.Ordinal))
                {
                    words[end - 1] = last.Substring(0, last.Length - plural.Length);
                    if (EndsWithTerm(words, end))
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A person's name spelt as a compound: a name word (<c>name</c>, <c>displayName</c>) after a person word —
        /// <c>customerName</c>, <c>userName</c>, <c>patient_display_name</c>, <c>SenderName</c> — or <c>username</c>.
        /// <c>productName</c>, <c>storeName</c> and a bare <c>Name</c> are not (a bare name is personal only on a person:
        /// see <see cref="IsNameWord"/>).
        /// </summary>
        private static bool IsPersonNameCompound(List<string> words, int end)
        {
            if (words[end - 1] == UserNameWord)
                return true;
            if (words[end - 1] != NameWord || end < 2)
                return false;
            var before = end - 2;
            if (words[before] == "display" && before > 0)
                before--;
            return PersonWordsInCompounds.Contains(words[before]);
        }

        /// <summary>Whether <paramref name="identifier"/> is a bare name word, personal when it is read on a person (<c>customer.Name</c>).</summary>
        public static bool IsNameWord(string identifier) =>
            identifier is "Name" or "name" or "DisplayName" or "displayName" or "FullName" or "fullName";

        /// <summary>Whether <paramref name="identifier"/>'s last word names a person (<c>customer</c>, <c>_user</c>, <c>PatientRecord</c> is not).</summary>
        public static bool NamesPerson(string identifier)
        {
            var words = SplitWords(identifier);
            return words.Count > 0 && PersonWordsInCompounds.Contains(words[words.Count - 1]);
        }

        /// <summary>Whether a type's name says it describes a person: <c>Customer</c>, <c>ApplicationUser</c>, <c>PatientDto</c>, <c>UserProfile</c>.</summary>
        public static bool NamesPersonType(string typeName)
        {
            var words = SplitWords(typeName);
            var last = words.Count - 1;
            while (last > 0 && PersonTypeSuffixes.Contains(words[last]))
                last--;
            return last >= 0 && PersonWords.Contains(words[last]);
        }

        private bool EndsWithTerm(List<string> words, int end)
        {
            var suffix = string.Empty;
            for (var take = 1; take <= Math.Min(end, _longestTermWordCount); take++)
            {
                suffix = words[end - take] + suffix;
                if (!_terms.Contains(suffix))
                    continue;
                return suffix != "address" || end - take == 0 || !TechnicalAddressModifiers.Contains(words[end - take - 1]);
            }

            return false;
        }

        /// <summary>
        /// Splits an identifier into lower-case words: <c>customerEmail</c> → customer, email;
        /// <c>IPAddress</c> → ip, address; <c>USER_SSN</c> → user, ssn; <c>addressLine2</c> → address, line, 2.
        /// A leading <c>@</c> or <c>_</c> (verbatim identifiers, field prefixes) is ignored.
        /// </summary>
        internal static List<string> SplitWords(string identifier)
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();

            void Flush()
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString().ToLowerInvariant());
                    current.Clear();
                }
            }

            for (var i = 0; i < identifier.Length; i++)
            {
                var c = identifier[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush();
                    continue;
                }

                if (current.Length > 0)
                {
                    var previous = identifier[i - 1];
                    var startsWord =
                        (char.IsUpper(c) && char.IsLower(previous))
                        || (char.IsDigit(c) != char.IsDigit(previous))
                        // ABCDef: the last capital of a run starts the next word (IPAddress → IP, Address).
                        || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]));
                    if (startsWord)
                        Flush();
                }

                current.Append(c);
            }

            Flush();
            return words;
        }
    }
}
