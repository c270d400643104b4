// Usage (one instance per compilation, inside OutputSanitizers):
//   containment.IsCheck(invocation, facts, builtFrom)   // this call checks that the path the sink uses stays in a folder
//   containment.ReturnsContained(method)                // this method of the compilation returns a path it checked
// A containment check is StartsWith called on a canonical full path — Path.GetFullPath(…) or the result of a method of
// the compilation that calls it — or on a local built from one, where the sink's path is built from that canonical
// path (not from the raw text it was made of). Path.GetFileName alone is not one: "..", drive-relative names.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal sealed class PathContainment
    {
        private readonly Compilation _compilation;
        private readonly AnswerCache<IMethodSymbol, bool> _canonicalising;
        private readonly AnswerCache<IMethodSymbol, bool> _checksParameter;

        public PathContainment(Compilation compilation)
        {
            _compilation = compilation;
            _canonicalising = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, CallsGetFullPath);
            _checksParameter = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ChecksParameter);
        }

        /// <summary>A method of the compilation that checks containment of a path built from one of its parameters (its result is a contained path).</summary>
        public bool ReturnsContained(IMethodSymbol method) => !method.DeclaringSyntaxReferences.IsEmpty && _checksParameter.Get(method.OriginalDefinition);

        /// <summary>
        /// <c>full.StartsWith(root, …)</c> where full is a canonical full path (<see cref="IsCanonicalPath"/>) of the value,
        /// or a local built from a canonical path that the sink's value is built from too.
        /// </summary>
        public bool IsCheck(IInvocationOperation invocation, MemberFacts facts, HashSet<ISymbol> builtFrom)
        {
            if (invocation.TargetMethod is not { Name: "StartsWith", ContainingType.SpecialType: SpecialType.System_String } || invocation.Instance is null)
            {
                return false;
            }

            var instance = OperationScope.Unwrap(invocation.Instance);
            if (instance is IInvocationOperation call && IsCanonicalPath(call))
            {
                return InvocationReads.Any(call, builtFrom);
            }

            // The value must be built from the checked canonical path itself, not from the raw text it was made from.
            var checkedPath = facts.BuiltFrom(instance, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
            foreach (var write in facts.Writes)
            {
                if (checkedPath.Contains(write.Target) && builtFrom.Contains(write.Target)
                    && OperationScope.Unwrap(write.Value) is IInvocationOperation canonical && IsCanonicalPath(canonical))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Path.GetFullPath, or a method of the compilation that calls it (a project's own canonicalising helper).</summary>
        private bool IsCanonicalPath(IInvocationOperation invocation) => IsGetFullPath(invocation.TargetMethod) || _canonicalising.Get(invocation.TargetMethod.OriginalDefinition);

        private static bool IsGetFullPath(IMethodSymbol method) =>
            method is { Name: "GetFullPath", ContainingType: { Name: "Path" } type } && TypeNames.FullName(type) == "System.IO.Path";

        private bool CallsGetFullPath(IMethodSymbol method)
        {
            foreach (var body in Bodies(method))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && IsGetFullPath(invocation.TargetMethod))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A method of the compilation that checks containment of a path built from one of its parameters (its result is a contained path).</summary>
        private bool ChecksParameter(IMethodSymbol method)
        {
            foreach (var body in Bodies(method))
            {
                var facts = MemberFacts.Gather(body);
                var parameters = new HashSet<ISymbol>(method.Parameters, SymbolEqualityComparer.Default);
                foreach (var invocation in facts.Invocations)
                {
                    if (IsCheck(invocation, facts, facts.BuiltFrom(invocation.Instance ?? invocation, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
                        && facts.BuiltFrom(invocation.Instance!, new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Overlaps(parameters))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private IEnumerable<IOperation> Bodies(IMethodSymbol method)
        {
            var models = new SemanticModels(_compilation);
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (models.Get(syntax.SyntaxTree).GetOperation(syntax) is { } body)
                {
                    yield return body;
                }
            }
        }
    }
}
