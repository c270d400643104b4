// Usage: the parsed .editorconfig options of one compilation (every key of OptionKeys).
//   var options = ShiftLeftCompilation.Get(ctx).Options;
//   options.GuardrailMethods.MatchesMethod(method); options.PersonalDataNames.Entries; ...
// Values are read from the global options and from every source file's .editorconfig section, and MERGED:
// a name listed for any folder counts for the whole project (these lists describe the code base, not a folder;
// per-folder opt-out is `dotnet_diagnostic.SLnnnn.severity = none`).
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ShiftLeftOptions
    {
        public static readonly ImmutableArray<string> AllKeys = ImmutableArray.Create(
            OptionKeys.ModelCallMethods, OptionKeys.AuditLogMethods, OptionKeys.GuardrailMethods,
            OptionKeys.RedactionMethods, OptionKeys.PersonalDataNames, OptionKeys.PersonalDataAttributes, OptionKeys.UntrustedSourceMethods,
            OptionKeys.ApproverMethods,
            OptionKeys.OutputValidationMethods, OptionKeys.InProcessModelTypes);

        private readonly ImmutableDictionary<string, SymbolNameList> _lists;

        private ShiftLeftOptions(ImmutableDictionary<string, SymbolNameList> lists, bool guardAllCalls)
        {
            _lists = lists;
            GuardAllCalls = guardAllCalls;
        }

        /// <summary><c>shiftleft.guardrail_scope = all</c>: SL0002 reports every unguarded generative call, not only those sending outside data.</summary>
        public bool GuardAllCalls { get; }

        public SymbolNameList ModelCallMethods => Get(OptionKeys.ModelCallMethods);
        public SymbolNameList AuditLogMethods => Get(OptionKeys.AuditLogMethods);
        public SymbolNameList GuardrailMethods => Get(OptionKeys.GuardrailMethods);
        public SymbolNameList RedactionMethods => Get(OptionKeys.RedactionMethods);
        public SymbolNameList UntrustedSourceMethods => Get(OptionKeys.UntrustedSourceMethods);
        public SymbolNameList ApproverMethods => Get(OptionKeys.ApproverMethods);

        /// <summary>Plain terms (not symbols): match with your own word logic.</summary>
        public SymbolNameList PersonalDataNames => Get(OptionKeys.PersonalDataNames);

        /// <summary>Full type names or simple attribute names.</summary>
        public SymbolNameList PersonalDataAttributes => Get(OptionKeys.PersonalDataAttributes);

        public SymbolNameList Get(string key) => _lists.TryGetValue(key, out var list) ? list : SymbolNameList.Empty;

        public static ShiftLeftOptions Read(AnalyzerOptions options, Compilation compilation)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var collected = new Dictionary<string, List<SymbolNameList>>();
            // Every file of a project usually shares one .editorconfig section, so the same values come back for each
            // tree: parse each distinct value once.
            var parsedValues = new HashSet<(string Key, string Value)>();
            string? scope = null;

            void Collect(AnalyzerConfigOptions source)
            {
                if (scope is null && source.TryGetValue(OptionKeys.GuardrailScope, out var scopeValue))
                {
                    scope = scopeValue.Trim();
                }

                foreach (var key in AllKeys)
                {
                    if (source.TryGetValue(key, out var value) && parsedValues.Add((key, value)))
                    {
                        var parsed = SymbolNameList.Parse(value);
                        if (!parsed.IsEmpty)
                        {
                            if (!collected.TryGetValue(key, out var lists))
                            {
                                collected[key] = lists = new List<SymbolNameList>();
                            }

                            lists.Add(parsed);
                        }
                    }
                }
            }

            Collect(provider.GlobalOptions);
            foreach (var tree in compilation.SyntaxTrees)
            {
                Collect(provider.GetOptions(tree));
            }

            var builder = ImmutableDictionary.CreateBuilder<string, SymbolNameList>();
            foreach (var pair in collected)
            {
                builder[pair.Key] = SymbolNameList.Union(pair.Value);
            }

            return new ShiftLeftOptions(builder.ToImmutable(), string.Equals(scope, "all", System.StringComparison.OrdinalIgnoreCase));
        }
    }
}
