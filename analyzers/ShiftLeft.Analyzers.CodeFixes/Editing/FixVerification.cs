// Usage: offer a fix only when its result compiles as cleanly as the code it changes.
//   if (await FixVerification.IntroducesNoDiagnosticAsync(before, after, token)) context.RegisterCodeFix(...);
// Every changed document is compiled again and its warnings and errors (nullable warnings included) compared with the
// original's: one new warning would break a build with warnings as errors, so it rejects the fix. Info and hidden
// diagnostics and suppressed ones do not count.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal static class FixVerification
    {
        /// <summary>The original document's counts, asked once for all the fixes and diagnostics of one request.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Document, Task<Dictionary<string, int>>> Originals = new();

        public static async Task<bool> IntroducesNoDiagnosticAsync(Solution before, Solution after, CancellationToken cancellationToken)
        {
            foreach (var project in after.GetChanges(before).GetProjectChanges())
            {
                foreach (var id in project.GetChangedDocuments())
                {
                    var original = before.GetDocument(id);
                    var changed = after.GetDocument(id);
                    if (original is null || changed is null)
                    {
                        return false;
                    }

                    var remaining = await Originals.GetValue(original, document => CountAsync(document, CancellationToken.None)).ConfigureAwait(false);
                    var now = await CountAsync(changed, cancellationToken).ConfigureAwait(false);
                    foreach (var entry in now)
                    {
                        if (!remaining.TryGetValue(entry.Key, out var count) || entry.Value > count)
                        {
                            return false;
                        }
                    }
                }

                if (project.GetAddedDocuments().GetEnumerator().MoveNext() || project.GetRemovedDocuments().GetEnumerator().MoveNext())
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Fix All: every plan applied together when that introduces no diagnostic; otherwise, in order, the plans that
        /// keep it so (a plan that does not compile alone, or only with the others, is left out).
        /// </summary>
        public static async Task<Solution> ApplyCleanAsync<TPlan>(Solution original, IReadOnlyList<TPlan> plans, Func<IReadOnlyList<TPlan>, Task<Solution>> apply, CancellationToken cancellationToken)
        {
            var all = await apply(plans).ConfigureAwait(false);
            if (await IntroducesNoDiagnosticAsync(original, all, cancellationToken).ConfigureAwait(false))
            {
                return all;
            }

            var accepted = new List<TPlan>();
            var current = original;
            foreach (var plan in plans)
            {
                accepted.Add(plan);
                var candidate = await apply(accepted).ConfigureAwait(false);
                if (await IntroducesNoDiagnosticAsync(original, candidate, cancellationToken).ConfigureAwait(false))
                {
                    current = candidate;
                }
                else
                {
                    accepted.RemoveAt(accepted.Count - 1);
                }
            }

            return current;
        }

        /// <summary>Warnings and errors of one document, counted by id and message (positions move when code is inserted).</summary>
        private static async Task<Dictionary<string, int>> CountAsync(Document document, CancellationToken cancellationToken)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return counts;
            }

            foreach (var diagnostic in model.GetDiagnostics(cancellationToken: cancellationToken))
            {
                if (diagnostic.Severity < DiagnosticSeverity.Warning || diagnostic.IsSuppressed)
                {
                    continue;
                }

                var key = diagnostic.Id + ": " + diagnostic.GetMessage(CultureInfo.InvariantCulture);
                counts[key] = counts.TryGetValue(key, out var count) ? count + 1 : 1;
            }

            return counts;
        }
    }
}
