// Usage (one instance per compilation):
//   var stops = sanitizers.StopsFor(sink.Kind);                      // calls that end model output on the way to this kind of sink
//   sanitizers.ChecksInMember(sink, facts)                           // a check in the sink's member that makes the value safe
// What makes model output safe for a sink (SL0007, documented in docs/rules/SL0007.md "What counts as a check"):
//   every sink  — an output validator: a method listed in shiftleft.output_validation_methods or marked [OutputValidator]
//                 (simple name), or a method of the compilation named as a check (Validate…, IsValid…, IsSafe…,
//                 IsAllowed…, Sanitize…/Sanitise…): its result is trusted, and a call of it that reads the value (or what
//                 the value is built from) anywhere in the sink's member counts as a check (`if (!Validator.IsAllowed(sql)) return;`);
//                 parsing to a type that carries no text (int, Guid, an enum: Untrusted/TextFreeTypes) ends the taint.
//   HTML        — encoding (HtmlEncoding).
//   paths       — a containment check in the sink's member, or in a method the value passes through (PathContainment).
//   redirects   — IsLocalUrl (Url.IsLocalUrl, RedirectHttpResult.IsLocalUrl) called on the value in the member.
//   SQL         — values sent as parameters are not in the catalogue's sinks at all; quoting (SqlQuoting).
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal sealed class OutputSanitizers
    {
        private readonly SymbolNameList _configured;
        private readonly AnswerCache<IMethodSymbol, bool> _validators;
        private readonly PathContainment _containment;
        private readonly HtmlEncoding _htmlEncoding;
        private readonly FlowStops _validatorStops;
        private readonly FlowStops _htmlStops;
        private readonly FlowStops _pathStops;
        private readonly FlowStops _sqlStops;

        public OutputSanitizers(ShiftLeftOptions options, Compilation compilation, MemberWrites memberWrites)
        {
            _configured = options.Get(OptionKeys.OutputValidationMethods);
            _validators = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ClassifyValidator);
            _containment = new PathContainment(compilation);
            _htmlEncoding = new HtmlEncoding(memberWrites);
            _validatorStops = new SanitizerStops(invocation => IsValidator(invocation.TargetMethod));
            _htmlStops = new SanitizerStops(invocation => _htmlEncoding.IsEncoding(invocation) || IsValidator(invocation.TargetMethod));
            _pathStops = new SanitizerStops(invocation => _containment.ReturnsContained(invocation.TargetMethod) || IsValidator(invocation.TargetMethod));
            _sqlStops = new SanitizerStops(invocation => SqlQuoting.IsQuoting(invocation) || IsValidator(invocation.TargetMethod));
        }

        public FlowStops StopsFor(OutputSinkKind kind) => kind switch
        {
            OutputSinkKind.Html => _htmlStops,
            OutputSinkKind.Path => _pathStops,
            OutputSinkKind.Sql => _sqlStops,
            _ => _validatorStops,
        };

        public bool IsValidator(IMethodSymbol method) => _validators.Get((method.ReducedFrom ?? method).OriginalDefinition);

        private bool ClassifyValidator(IMethodSymbol declared) =>
            _configured.MatchesMethod(declared) || AttributeNames.HasOnSymbolOrContainingTypes(declared, AttributeNames.OutputValidator) || IsNamedCheck(declared);

        /// <summary>
        /// A method of the compilation (or an interface or base method it declares) named as a check of what it is given:
        /// Validate…, IsValid…, IsSafe…, IsAllowed…, Sanitize…/Sanitise…. The team wrote and named it to check the value;
        /// how good the check is cannot be judged from here. Framework methods never count this way.
        /// </summary>
        private static bool IsNamedCheck(IMethodSymbol declared)
        {
            if (declared.DeclaringSyntaxReferences.IsEmpty || declared.Parameters.IsEmpty)
            {
                return false;
            }

            foreach (var prefix in CheckPrefixes)
            {
                if (declared.Name.StartsWith(prefix, System.StringComparison.Ordinal)
                    && (declared.Name.Length == prefix.Length || char.IsUpper(declared.Name[prefix.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] CheckPrefixes = { "Validate", "IsValid", "IsSafe", "IsAllowed", "Sanitize", "Sanitise" };

        /// <summary>A check in the sink's member over the value or what it is built from: a validator call, a containment check (paths), IsLocalUrl (redirects).</summary>
        public bool ChecksInMember(in OutputSink sink, MemberFacts facts)
        {
            var builtFrom = facts.BuiltFrom(sink.Value, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
            foreach (var invocation in facts.Invocations)
            {
                if (IsValidator(invocation.TargetMethod) && InvocationReads.Any(invocation, builtFrom))
                {
                    return true;
                }

                switch (sink.Kind)
                {
                    case OutputSinkKind.Redirect when invocation.TargetMethod.Name == "IsLocalUrl" && InvocationReads.Any(invocation, builtFrom):
                        return true;
                    case OutputSinkKind.Path when _containment.IsCheck(invocation, facts, builtFrom):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A rule's sanitisers for one kind of sink, as the flow engine asks for them.</summary>
        private sealed class SanitizerStops : FlowStops
        {
            private readonly System.Func<IInvocationOperation, bool> _stops;

            public SanitizerStops(System.Func<IInvocationOperation, bool> stops) => _stops = stops;

            public override bool Stops(IInvocationOperation invocation) => _stops(invocation);
        }
    }
}
