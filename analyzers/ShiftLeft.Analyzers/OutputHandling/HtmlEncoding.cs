// Usage (one instance per compilation, inside OutputSanitizers): htmlEncoding.IsEncoding(invocation)
// What makes text safe to render as markup: HtmlEncoder.Encode (the HTML encoder, not the JavaScript or URL ones, which
// share the method), WebUtility.HtmlEncode, HttpUtility.HtmlEncode, and Markdig's Markdown.ToHtml with a pipeline built
// with DisableHtml() (without it, the markdown's own HTML passes through).
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal sealed class HtmlEncoding
    {
        private readonly MemberWrites _memberWrites;

        public HtmlEncoding(MemberWrites memberWrites) => _memberWrites = memberWrites;

        public bool IsEncoding(IInvocationOperation invocation)
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
    }
}
