// Usage (one instance per compilation):
//   var stops = sanitizers.StopsFor(sink.Kind);                      // calls that end model output on the way to this kind of sink
//   sanitizers.ChecksInMember(sink, facts)                           // a check in the sink's member that makes the value safe
// What makes model output safe for a sink (SL0007, documented in docs/rules/SL0007.md "What counts as a check"):
//   every sink  — an output validator: a method listed in shiftleft.output_validation_methods or marked [OutputValidator]
//                 (simple name): its result is trusted, and a call of it that reads the value (or what the value is built
//                 from) anywhere in the sink's member counts as a check (`if (!Validator.IsAllowed(sql)) return;`);
//                 parsing to a type that carries no text (int, Guid, an enum: Untrusted/TextFreeTypes) ends the taint.
//   HTML        — HtmlEncoder.Encode (the HTML encoder, not the JavaScript or URL ones), WebUtility.HtmlEncode, HttpUtility.HtmlEncode.
//   paths       — a containment check in the member: StartsWith called on Path.GetFullPath(…) (or a local holding it)
//                 where that full path is built from the value. Path.GetFileName alone is not one ("..", drive-relative names).
//   redirects   — IsLocalUrl (Url.IsLocalUrl, RedirectHttpResult.IsLocalUrl) called on the value in the member.
//   SQL         — values sent as parameters never reach the SQL text (FromSql/FromSqlInterpolated/ExecuteSql, DbParameter): nothing to check.
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
        private readonly ValidatorStops _validatorStops;
        private readonly HtmlStops _htmlStops;

        public OutputSanitizers(ShiftLeftOptions options)
        {
            _configured = options.Get(OptionKeys.OutputValidationMethods);
            _validators = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ClassifyValidator);
            _validatorStops = new ValidatorStops(this);
            _htmlStops = new HtmlStops(this);
        }

        public FlowStops StopsFor(OutputSinkKind kind) => kind == OutputSinkKind.Html ? _htmlStops : _validatorStops;

        public bool IsValidator(IMethodSymbol method) => _validators.Get((method.ReducedFrom ?? method).OriginalDefinition);

        private bool ClassifyValidator(IMethodSymbol declared) =>
            _configured.MatchesMethod(declared) || AttributeNames.HasOnSymbolOrContainingTypes(declared, AttributeNames.OutputValidator);

        /// <summary>A check in the sink's member over the value or what it is built from: a validator call, a containment check (paths), IsLocalUrl (redirects).</summary>
        public bool ChecksInMember(in OutputSink sink, MemberFacts facts)
        {
            var builtFrom = facts.BuiltFrom(sink.Value, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
            foreach (var invocation in facts.Invocations)
            {
                if (IsValidator(invocation.TargetMethod) && Reads(invocation, builtFrom))
                {
                    return true;
                }

                switch (sink.Kind)
                {
                    case OutputSinkKind.Redirect when invocation.TargetMethod.Name == "IsLocalUrl" && Reads(invocation, builtFrom):
                        return true;
                    case OutputSinkKind.Path when IsContainmentCheck(invocation, facts, builtFrom):
                        return true;
                }
            }

            return false;
        }

        private static bool Reads(IInvocationOperation invocation, HashSet<ISymbol> symbols)
        {
            if (symbols.Count == 0)
            {
                return false;
            }

            var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (invocation.Instance is { } instance)
            {
                OperationScope.CollectTrackedSymbols(instance, read);
            }

            foreach (var argument in invocation.Arguments)
            {
                OperationScope.CollectTrackedSymbols(argument.Value, read);
            }

            return read.Overlaps(symbols);
        }

        /// <summary><c>full.StartsWith(root, …)</c> where full is Path.GetFullPath(…) of (what builds) the value.</summary>
        private static bool IsContainmentCheck(IInvocationOperation invocation, MemberFacts facts, HashSet<ISymbol> builtFrom)
        {
            if (invocation.TargetMethod is not { Name: "StartsWith", ContainingType.SpecialType: SpecialType.System_String } || invocation.Instance is null)
            {
                return false;
            }

            var instance = OperationScope.Unwrap(invocation.Instance);
            if (IsFullPath(instance))
            {
                return Reads((IInvocationOperation)instance, builtFrom);
            }

            if (instance is ILocalReferenceOperation local && builtFrom.Contains(local.Local))
            {
                foreach (var write in facts.Writes)
                {
                    if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && IsFullPath(OperationScope.Unwrap(write.Value)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsFullPath(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod: { Name: "GetFullPath", ContainingType: { Name: "Path" } type } } && TypeNames.FullName(type) == "System.IO.Path";

        private static bool IsHtmlEncoding(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "HtmlEncode":
                    var type = TypeNames.FullName(method.ContainingType);
                    return type is "System.Net.WebUtility" or "System.Web.HttpUtility";
                case "Encode":
                    // HtmlEncoder.Encode is declared on TextEncoder, which the JavaScript and URL encoders share: the receiver decides.
                    for (var receiver = invocation.Instance?.Type; receiver is not null; receiver = receiver.BaseType)
                    {
                        if (TypeNames.FullName(receiver) == "System.Text.Encodings.Web.HtmlEncoder")
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private sealed class ValidatorStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public ValidatorStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) => _owner.IsValidator(invocation.TargetMethod);
        }

        private sealed class HtmlStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public HtmlStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) => IsHtmlEncoding(invocation) || _owner.IsValidator(invocation.TargetMethod);
        }
    }
}
