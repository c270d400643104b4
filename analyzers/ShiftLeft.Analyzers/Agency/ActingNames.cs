// Usage: ActingNames.TryGetVerb("DeleteOrder", out var verb) → true, verb "Delete".
// A tool whose name starts with a verb that acts on the world (Delete, Remove, Send, Transfer, Pay, Purchase, Refund,
// Approve, Cancel, Book, Order, Execute) acts, whatever its body shows: the model picks tools by name and description,
// and a body that reaches the world through an interface or another assembly is invisible here. The verb is the first
// word of the name in PascalCase, camelCase, snake_case or kebab-case ("SendEmail", "sendEmail", "send_email"), or the
// word after a tool namespace in a separated name ("protonmail_send", "github-delete-branch"); a
// longer word is not the verb ("Sender", "Payload", "Payment", "Books", "Orders", "Executed"). "Order" and "Book" are
// nouns as often as verbs: followed by a word that reads a record ("OrderBy", "OrderStatus", "OrderHistory",
// "BookDetails", …) they name what is read, not an act.
using System;

namespace ShiftLeft.Analyzers.Agency
{
    internal static class ActingNames
    {
        private static readonly string[] Verbs = { "Delete", "Remove", "Send", "Transfer", "Pay", "Purchase", "Refund", "Approve", "Cancel", "Book", "Order", "Execute" };

        // Words after "Order" / "Book" that make the name a noun phrase about a record that is read.
        private static readonly string[] NounFollowers =
        {
            "By", "Then", "Status", "State", "History", "Detail", "Details", "Summary", "Info", "Information", "Count", "Id", "Ids",
            "Number", "Total", "Totals", "Item", "Items", "Line", "Lines", "List", "Lookup", "Search", "Query", "Tracking", "Date",
        };

        public static bool TryGetVerb(string? name, out string verb)
        {
            verb = string.Empty;
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            var text = name!;
            if (StartsWithVerb(text, 0, out verb))
            {
                return true;
            }

            // "protonmail_send", "github-delete-branch": a tool namespace, then the verb.
            var separator = text.IndexOfAny(Separators);
            return separator > 0 && separator + 1 < text.Length && StartsWithVerb(text, separator + 1, out verb);
        }

        private static readonly char[] Separators = { '_', '-' };

        private static bool StartsWithVerb(string text, int start, out string verb)
        {
            verb = string.Empty;
            var first = FirstWordLength(text, start);
            foreach (var candidate in Verbs)
            {
                if (first != candidate.Length || string.Compare(text, start, candidate, 0, first, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    continue;
                }

                if (candidate is "Order" or "Book" && IsNounFollower(text, start + first))
                {
                    return false;
                }

                verb = candidate;
                return true;
            }

            return false;
        }

        private static bool IsNounFollower(string name, int start)
        {
            var next = start;
            while (next < name.Length && name[next] is '_' or '-')
            {
                next++;
            }

            var length = FirstWordLength(name, next);
            if (length == 0)
            {
                return false;
            }

            foreach (var follower in NounFollowers)
            {
                if (follower.Length == length && string.Compare(name, next, follower, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The length of the word starting at <paramref name="start"/>: up to the next upper-case letter, digit, '_' or '-'.</summary>
        private static int FirstWordLength(string name, int start)
        {
            var end = start;
            while (end < name.Length)
            {
                var c = name[end];
                if (c is '_' or '-' || char.IsDigit(c) || (end > start && char.IsUpper(c)))
                {
                    break;
                }

                end++;
            }

            return end - start;
        }
    }
}
