using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Configuration
{
    /// <summary>
    /// SL0005: a name in a ShiftLeft option that resolves to no type and no method. Runs even without an AI SDK
    /// (a misspelt model_call_methods entry is exactly what would leave the rules silent). Personal-data terms are
    /// words, not symbols, and are not checked; simple attribute names (no dot) are accepted as they are.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<string> SymbolKeys = ImmutableArray.Create(
            OptionKeys.ModelCallMethods, OptionKeys.AuditLogMethods, OptionKeys.GuardrailMethods,
            OptionKeys.RedactionMethods, OptionKeys.PersonalDataAttributes, OptionKeys.UntrustedSourceMethods,
            OptionKeys.ApproverMethods,
            OptionKeys.OutputValidationMethods, OptionKeys.InProcessModelTypes);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.ConfiguredNameNotFound);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(compilationContext =>
            {
                var options = ShiftLeftCompilation.Get(compilationContext.Compilation, compilationContext.Options).Options;
                foreach (var key in SymbolKeys)
                {
                    foreach (var name in options.Get(key).Entries)
                    {
                        if (!Resolves(compilationContext.Compilation, key, name))
                        {
                            var identity = FindingIdentity.Of(RuleCatalog.ConfiguredNameNotFound.Id, compilationContext.Compilation.AssemblyName, key, name);
                            var properties = ImmutableDictionary<string, string?>.Empty.Add(FindingIdentity.PropertyName, identity);
                            compilationContext.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ConfiguredNameNotFound, Location.None, properties, key, name));
                        }
                    }
                }
            });
        }

        private static bool Resolves(Compilation compilation, string key, string name)
        {
            if (key == OptionKeys.PersonalDataAttributes && name.IndexOf('.') < 0)
            {
                return true;
            }

            if (!TypeNames.ResolveSourceFirst(compilation, name).IsEmpty)
            {
                return true;
            }

            // An in-process runtime may be named by its namespace (every type in it counts).
            if (key == OptionKeys.InProcessModelTypes)
            {
                return NamesNamespace(compilation, name);
            }

            var lastDot = name.LastIndexOf('.');
            if (lastDot <= 0 || lastDot == name.Length - 1)
            {
                return false;
            }

            var memberName = name.Substring(lastDot + 1);
            return TypeNames.ResolveSourceFirst(compilation, name.Substring(0, lastDot))
                .Any(type => type.GetMembers(memberName).Any(member => member is IMethodSymbol) || string.Equals(memberName, "ctor", StringComparison.Ordinal)
                    || DeclaresLocalFunction(type, memberName));
        }

        private static bool NamesNamespace(Compilation compilation, string name)
        {
            INamespaceSymbol? current = compilation.GlobalNamespace;
            foreach (var segment in name.Split('.'))
            {
                current = current?.GetNamespaceMembers().FirstOrDefault(member => member.Name == segment);
            }

            return current is not null;
        }

        /// <summary>
        /// A local function of one of the type's members (agent middleware in top-level statements is often one): the
        /// option matchers name it by its containing type, so it resolves. Syntax only, and only for names that resolve to
        /// nothing else.
        /// </summary>
        private static bool DeclaresLocalFunction(INamedTypeSymbol type, string name) =>
            type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax().DescendantNodes()
                .OfType<LocalFunctionStatementSyntax>().Any(function => function.Identifier.ValueText == name));
    }
}
