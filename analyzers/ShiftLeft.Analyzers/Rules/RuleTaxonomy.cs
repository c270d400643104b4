// Usage: new RuleTaxonomy(owaspLlm: new[] { "LLM01" }, cwe: new[] { 1427 }, euAiAct: new[] { "15" }, gdpr: new string[0])
// What a rule maps to in the taxonomies a reviewer asks about: the OWASP Top 10 for LLM Applications 2025, CWE, the
// EU AI Act and the GDPR. It is the rule descriptor's data: written as customTags (so the compiler puts it in SARIF,
// tool.driver.rules[].properties.tags, where the portal and code scanning read it) and as the last sentence of the
// description. Tag grammar, CodeQL's external/<taxonomy>/<id> convention:
//   external/owasp-llm-2025/LLM01   (the first is the rule's primary category)
//   external/cwe/cwe-1427
//   external/eu-ai-act/art-12
//   external/gdpr/art-5(1)(c)
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Rules
{
    internal sealed class RuleTaxonomy
    {
        public const string OwaspLlmPrefix = "external/owasp-llm-2025/";
        public const string CwePrefix = "external/cwe/cwe-";
        public const string EuAiActPrefix = "external/eu-ai-act/art-";
        public const string GdprPrefix = "external/gdpr/art-";

        public static readonly RuleTaxonomy None = new(new string[0], new int[0], new string[0], new string[0]);

        public RuleTaxonomy(string[] owaspLlm, int[] cwe, string[] euAiAct, string[] gdpr)
        {
            OwaspLlm = owaspLlm.ToImmutableArray();
            Cwe = cwe.ToImmutableArray();
            EuAiAct = euAiAct.ToImmutableArray();
            Gdpr = gdpr.ToImmutableArray();
        }

        /// <summary>OWASP LLM 2025 ids (LLM01…LLM10), primary first.</summary>
        public ImmutableArray<string> OwaspLlm { get; }
        public ImmutableArray<int> Cwe { get; }

        /// <summary>EU AI Act articles ("12", "15").</summary>
        public ImmutableArray<string> EuAiAct { get; }

        /// <summary>GDPR articles ("5(1)(c)", "6", "44").</summary>
        public ImmutableArray<string> Gdpr { get; }

        public IEnumerable<string> Tags() =>
            OwaspLlm.Select(id => OwaspLlmPrefix + id)
                .Concat(Cwe.Select(id => CwePrefix + id.ToString(CultureInfo.InvariantCulture)))
                .Concat(EuAiAct.Select(article => EuAiActPrefix + article))
                .Concat(Gdpr.Select(article => GdprPrefix + article));

        /// <summary>The taxonomy a descriptor carries in its tags (what <see cref="Tags"/> wrote), for documentation generated from the catalogue.</summary>
        public static RuleTaxonomy Of(DiagnosticDescriptor descriptor)
        {
            var tags = descriptor.CustomTags.ToArray();
            string[] After(string prefix) => tags.Where(tag => tag.StartsWith(prefix, StringComparison.Ordinal)).Select(tag => tag.Substring(prefix.Length)).ToArray();
            return new RuleTaxonomy(After(OwaspLlmPrefix), After(CwePrefix).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToArray(), After(EuAiActPrefix), After(GdprPrefix));
        }

        /// <summary>"OWASP LLM01, LLM05; CWE-1427; EU AI Act Art. 15" or empty.</summary>
        public string Summary()
        {
            var parts = new List<string>();
            if (!OwaspLlm.IsEmpty)
            {
                parts.Add("OWASP " + string.Join(", ", OwaspLlm));
            }

            if (!Cwe.IsEmpty)
            {
                parts.Add(string.Join(", ", Cwe.Select(id => "CWE-" + id.ToString(CultureInfo.InvariantCulture))));
            }

            if (!EuAiAct.IsEmpty)
            {
                parts.Add("EU AI Act " + string.Join(", ", EuAiAct.Select(article => "Art. " + article)));
            }

            if (!Gdpr.IsEmpty)
            {
                parts.Add("GDPR " + string.Join(", ", Gdpr.Select(article => "Art. " + article)));
            }

            return string.Join("; ", parts);
        }

        /// <summary>"Maps to OWASP LLM01, LLM05; CWE-1427; EU AI Act Art. 15." or empty: the description's last sentence.</summary>
        public string Sentence()
        {
            var summary = Summary();
            return summary.Length == 0 ? "" : "Maps to " + summary + ".";
        }
    }
}
