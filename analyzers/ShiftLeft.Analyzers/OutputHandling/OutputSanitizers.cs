// Usage (one instance per compilation):
//   var stops = sanitizers.StopsFor(sink.Kind);                      // calls that end model output on the way to this kind of sink
//   sanitizers.ChecksInMember(sink, facts)                           // a check in the sink's member that makes the value safe
// What makes model output safe for a sink (SL0007, documented in docs/rules/SL0007.md "What counts as a check"):
//   every sink  — an output validator: a method listed in shiftleft.output_validation_methods or marked [OutputValidator]
//                 (simple name), or a method of the compilation named as a check (Validate…, IsValid…, IsSafe…,
//                 IsAllowed…, Sanitize…/Sanitise…): its result is trusted, and a call of it that reads the value (or what the value is built
//                 from) anywhere in the sink's member counts as a check (`if (!Validator.IsAllowed(sql)) return;`);
//                 parsing to a type that carries no text (int, Guid, an enum: Untrusted/TextFreeTypes) ends the taint.
//   HTML        — HtmlEncoder.Encode (the HTML encoder, not the JavaScript or URL ones), WebUtility.HtmlEncode, HttpUtility.HtmlEncode,
//                 Markdig's Markdown.ToHtml with a pipeline built with DisableHtml() (without it, markdown's raw HTML passes).
//   paths       — a containment check: StartsWith called on a canonical full path — Path.GetFullPath(…) or the result of
//                 a method of the compilation that calls it — or on a local built from one, sharing a variable with the
//                 value; in the sink's member, or in a method of the compilation the value passes through (its result is
//                 then trusted). Path.GetFileName alone is not one ("..", drive-relative names).
//   redirects   — IsLocalUrl (Url.IsLocalUrl, RedirectHttpResult.IsLocalUrl) called on the value in the member.
//   SQL         — values sent as parameters never reach the SQL text (FromSql/FromSqlInterpolated/ExecuteSql, DbParameter):
//                 not sinks; quoting by doubling the quote character (Replace("]", "]]"), Replace("'", "''")) or
//                 DbCommandBuilder.QuoteIdentifier.
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
        private readonly AnswerCache<IMethodSymbol, bool> _canonicalising;
        private readonly AnswerCache<IMethodSymbol, bool> _containing;
        private readonly Compilation _compilation;
        private readonly MemberWrites _memberWrites;
        private readonly ValidatorStops _validatorStops;
        private readonly HtmlStops _htmlStops;
        private readonly PathStops _pathStops;
        private readonly SqlStops _sqlStops;

        public OutputSanitizers(ShiftLeftOptions options, Compilation compilation, MemberWrites memberWrites)
        {
            _memberWrites = memberWrites;
            _configured = options.Get(OptionKeys.OutputValidationMethods);
            _compilation = compilation;
            _validators = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ClassifyValidator);
            _canonicalising = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, CallsGetFullPath);
            _containing = new AnswerCache<IMethodSymbol, bool>(SymbolEqualityComparer.Default, ChecksContainment);
            _validatorStops = new ValidatorStops(this);
            _htmlStops = new HtmlStops(this);
            _pathStops = new PathStops(this);
            _sqlStops = new SqlStops(this);
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

        /// <summary>
        /// <c>full.StartsWith(root, …)</c> where full is a canonical full path (<see cref="IsCanonicalPath"/>) of the value,
        /// or a local built from a canonical path that the sink's value is built from too.
        /// </summary>
        private bool IsContainmentCheck(IInvocationOperation invocation, MemberFacts facts, HashSet<ISymbol> builtFrom)
        {
            if (invocation.TargetMethod is not { Name: "StartsWith", ContainingType.SpecialType: SpecialType.System_String } || invocation.Instance is null)
            {
                return false;
            }

            var instance = OperationScope.Unwrap(invocation.Instance);
            if (instance is IInvocationOperation call && IsCanonicalPath(call))
            {
                return Reads(call, builtFrom);
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
        private bool ChecksContainment(IMethodSymbol method)
        {
            foreach (var body in Bodies(method))
            {
                var facts = MemberFacts.Gather(body);
                var parameters = new HashSet<ISymbol>(method.Parameters, SymbolEqualityComparer.Default);
                foreach (var invocation in facts.Invocations)
                {
                    if (IsContainmentCheck(invocation, facts, facts.BuiltFrom(invocation.Instance ?? invocation, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
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

        private bool IsHtmlEncoding(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "ToHtml" when TypeNames.FullName(method.ContainingType) == "Markdig.Markdown":
                    return EscapesHtml(invocation);
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

        /// <summary>
        /// Markdig's <c>Markdown.ToHtml(text, pipeline)</c> with a pipeline built with <c>DisableHtml()</c> (raw HTML in the
        /// markdown is written as text): the pipeline made in the call, in a local of the member, or in a field or
        /// property of the compilation (its writes). Without it Markdig passes the markdown's HTML through.
        /// </summary>
        private bool EscapesHtml(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name != "pipeline" || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var pipeline = OperationScope.Unwrap(argument.Value);
                switch (pipeline)
                {
                    case ILocalReferenceOperation local:
                        foreach (var write in MemberFacts.Gather(OperationScope.GetMemberRoot(pipeline)).Writes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && DisablesHtml(write.Value))
                            {
                                return true;
                            }
                        }

                        return false;
                    case IFieldReferenceOperation { Field: var member }:
                        return WrittenDisablingHtml(member);
                    case IPropertyReferenceOperation { Property: var member }:
                        return WrittenDisablingHtml(member);
                    default:
                        return DisablesHtml(pipeline);
                }
            }

            return false;
        }

        private bool WrittenDisablingHtml(ISymbol member)
        {
            var writes = _memberWrites.Of(member);
            foreach (var value in writes)
            {
                if (!DisablesHtml(value))
                {
                    return false;
                }
            }

            return !writes.IsEmpty;
        }

        private static bool DisablesHtml(IOperation pipeline)
        {
            foreach (var operation in pipeline.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "DisableHtml" })
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class ValidatorStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public ValidatorStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) => _owner.IsValidator(invocation.TargetMethod);
        }

        /// <summary>
        /// SQL quoting: a quote character doubled (<c>name.Replace("]", "]]")</c> for a bracketed identifier,
        /// <c>Replace("'", "''")</c> for a literal, <c>Replace("\"", "\"\"")</c>), or a provider's
        /// <c>CommandBuilder.QuoteIdentifier</c>.
        /// </summary>
        private static bool IsSqlQuoting(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "QuoteIdentifier")
            {
                for (var type = method.ContainingType; type is not null; type = type.BaseType)
                {
                    if (TypeNames.FullName(type) == "System.Data.Common.DbCommandBuilder")
                    {
                        return true;
                    }
                }

                return false;
            }

            if (method is not { Name: "Replace", ContainingType.SpecialType: SpecialType.System_String } || invocation.Arguments.Length < 2)
            {
                return false;
            }

            var quote = invocation.Arguments[0].Value.ConstantValue;
            var doubled = invocation.Arguments[1].Value.ConstantValue;
            return quote is { HasValue: true, Value: "]" or "'" or "\"" or '\'' or ']' or '"' } && doubled is { HasValue: true }
                && doubled.Value?.ToString() == quote.Value?.ToString() + quote.Value?.ToString();
        }

        private sealed class SqlStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public SqlStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) => IsSqlQuoting(invocation) || _owner.IsValidator(invocation.TargetMethod);
        }

        private sealed class PathStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public PathStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) =>
                _owner.IsValidator(invocation.TargetMethod)
                || (!invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty && _owner._containing.Get(invocation.TargetMethod.OriginalDefinition));
        }

        private sealed class HtmlStops : FlowStops
        {
            private readonly OutputSanitizers _owner;

            public HtmlStops(OutputSanitizers owner) => _owner = owner;

            public override bool Stops(IInvocationOperation invocation) => _owner.IsHtmlEncoding(invocation) || _owner.IsValidator(invocation.TargetMethod);
        }
    }
}
