// Usage: shiftLeft.Types.Get("OpenAI.Chat.ChatClient") → the type, or null (one instance per compilation, on ShiftLeftCompilation).
// An SDK's types are looked up only in the referenced assemblies of that SDK's family (OpenAI*, Microsoft.Extensions.AI*,
// Microsoft.SemanticKernel*, ...), not in every reference: Compilation.GetTypeByMetadataName asks all of a project's
// assemblies (hundreds, with the shared framework) for each name, and some forty names cost ~100 ms per compilation.
// Other names (System.*) go through Compilation.GetTypeByMetadataName.
using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ReferencedTypes
    {
        // Namespace root of an SDK's types → name prefix of the assemblies that define them.
        private static readonly (string Namespace, string AssemblyPrefix)[] Families =
        {
            ("OpenAI.", "OpenAI"),
            ("Microsoft.Extensions.AI.", "Microsoft.Extensions.AI"),
            ("Microsoft.SemanticKernel.", "Microsoft.SemanticKernel"),
            ("Azure.AI.Inference.", "Azure.AI.Inference"),
            ("OllamaSharp.", "OllamaSharp"),
            ("Microsoft.Agents.AI.", "Microsoft.Agents.AI"),
            ("Anthropic.", "Anthropic"),
            ("Microsoft.Extensions.Logging.", "Microsoft.Extensions.Logging"),
            ("Microsoft.Extensions.Compliance.", "Microsoft.Extensions.Compliance"),
            ("Microsoft.AspNetCore.Identity.", "Microsoft.Extensions.Identity"),
            ("Serilog.", "Serilog"),
        };

        private readonly Compilation _compilation;
        private readonly ImmutableArray<IAssemblySymbol> _references;

        public ReferencedTypes(Compilation compilation)
        {
            _compilation = compilation;
            _references = compilation.SourceModule.ReferencedAssemblySymbols;
        }

        public INamedTypeSymbol? Get(string metadataName)
        {
            foreach (var (root, assemblyPrefix) in Families)
            {
                if (!metadataName.StartsWith(root, StringComparison.Ordinal))
                {
                    continue;
                }

                // The family's first definition; a forwarder in an older assembly of the family is not a definition.
                return _references
                    .Where(assembly => assembly.Name.StartsWith(assemblyPrefix, StringComparison.Ordinal))
                    .Select(assembly => assembly.GetTypeByMetadataName(metadataName))
                    .FirstOrDefault(type => type is not null);
            }

            return _compilation.GetTypeByMetadataName(metadataName);
        }
    }
}
