// The flow engine's secret mode (SL0009), used by the flow instance made with a SecretReadCatalog (shiftLeft.Secrets):
// the same walk back from a prompt over the same locals, fields, properties and method summaries, but what it finds is
// credentials — a credential-shaped constant (CredentialLiterals), a configuration, environment or secret-store read
// under a secret's name (SecretReadCatalog, SecretNames), a property named for a secret on options bound from
// configuration — and nothing else: outside data, unknown results and values too complex to follow show no secret.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Secrets;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed partial class FlowWalk
    {
        // A configuration key is rarely built from more sections than this; a longer chain names no key we can read.
        private const int MaxSectionDepth = 8;

        private static readonly UntrustedSource BoundOptions = UntrustedSource.Of(UntrustedSourceKind.BoundConfiguration, "options bound from configuration");

        private bool SeeksSecrets => _flow.Secrets is not null;

        private UntrustedSources TooComplexAnswer => SeeksSecrets ? UntrustedSources.None : TooComplex;

        /// <summary>A source met on the way: in secret mode only credentials, bound options and a summarised method's parameters count.</summary>
        private UntrustedSources Found(UntrustedSource source) =>
            !SeeksSecrets || source.Kind is UntrustedSourceKind.Secret or UntrustedSourceKind.BoundConfiguration || source.Placeholder is not null
                ? UntrustedSources.From(source)
                : UntrustedSources.None;

        private static UntrustedSources SecretConstant(object? value) =>
            value is string text && CredentialLiterals.Describe(text) is { } kind ? UntrustedSources.From(Secret(kind)) : UntrustedSources.None;

        private static UntrustedSource Secret(string description) => UntrustedSource.Of(UntrustedSourceKind.Secret, description);

        /// <summary>
        /// A read of configuration, the environment, a secret store or bound options (its answer), a client or credential
        /// (nothing: the key it holds authenticates it), or null when <paramref name="operation"/> is none of these.
        /// </summary>
        private UntrustedSources? ReadSecret(IOperation operation, FlowFrame frame)
        {
            if (_flow.Secrets!.HoldsCredentials(operation.Type))
            {
                return UntrustedSources.None;
            }

            ISymbol member;
            IOperation? receiver;
            ImmutableArray<IArgumentOperation> arguments;
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    member = property.Property;
                    receiver = property.Instance;
                    arguments = property.Arguments;
                    break;
                case IInvocationOperation invocation:
                    member = invocation.TargetMethod;
                    receiver = OperationScope.GetInvocationTarget(invocation);
                    arguments = invocation.Arguments;
                    break;
                default:
                    return null;
            }

            switch (_flow.Secrets.Of(member))
            {
                case SecretRead.ConfigurationKey:
                    return Named(JoinKey(SectionPath(receiver, frame, 0), KeyText(arguments, "key")), "the configuration key '{0}'");
                case SecretRead.SectionValue:
                    return Named(SectionPath(receiver, frame, 0), "the configuration key '{0}'");
                case SecretRead.EnvironmentVariable:
                    return Named(KeyText(arguments, "variable"), "the environment variable '{0}'");
                case SecretRead.ConnectionString:
                    return UntrustedSources.From(Secret(KeyText(arguments, "name") is { } name ? "the connection string '" + name + "'" : "a connection string from configuration"));
                case SecretRead.SecretStore:
                    return UntrustedSources.From(Secret(KeyText(arguments, "name") is { } secret ? "the Key Vault secret '" + secret + "'" : "a Key Vault secret"));
                case SecretRead.BoundConfiguration:
                    return UntrustedSources.From(BoundOptions);
            }

            // options.Value.ApiKey, _settings.ApiKey: a property named for a secret on options bound from configuration.
            if (operation is IPropertyReferenceOperation { Property: { IsIndexer: false } named, Instance: { } instance }
                && SecretNames.IsSecretKey(named.Name)
                && Evaluate(instance, frame).Any(UntrustedSourceKind.BoundConfiguration))
            {
                return UntrustedSources.From(Secret("the options property '" + named.ContainingType?.Name + "." + named.Name + "' (bound from configuration)"));
            }

            return null;
        }

        /// <summary>A read under <paramref name="key"/>: a secret when the key's last segment names one, else nothing (configuration is trusted).</summary>
        private static UntrustedSources Named(string? key, string description) =>
            key is not null && SecretNames.IsSecretKey(key) ? UntrustedSources.From(Secret(string.Format(System.Globalization.CultureInfo.InvariantCulture, description, key))) : UntrustedSources.None;

        /// <summary>
        /// The path of the configuration section <paramref name="section"/> denotes: "OpenAI" for
        /// <c>config.GetSection("OpenAI")</c>, followed through a local it was stored in; empty for the root (or a
        /// section the analysis cannot name), null when the last part of the path is not known.
        /// </summary>
        private string? SectionPath(IOperation? section, FlowFrame frame, int depth)
        {
            if (section is null || depth > MaxSectionDepth)
            {
                return string.Empty;
            }

            switch (OperationScope.Unwrap(section))
            {
                case IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } invocation:
                    return JoinKey(SectionPath(OperationScope.GetInvocationTarget(invocation), frame, depth + 1), KeyText(invocation.Arguments, "key"));
                case ILocalReferenceOperation local:
                    foreach (var write in frame.Facts.Writes)
                    {
                        if (!write.IsOutArgument && SymbolEqualityComparer.Default.Equals(write.Target, local.Local))
                        {
                            return SectionPath(write.Value, frame, depth + 1);
                        }
                    }

                    return string.Empty;
                default:
                    return string.Empty;
            }
        }

        /// <summary>
        /// The instructions a call sends besides its prompt arguments: those of the agent it runs (the <c>instructions:</c>
        /// argument or options it was made with, found through the locals, fields and properties that hold it) and the
        /// <c>Instructions</c> of the options it is given.
        /// </summary>
        private UntrustedSources Instructions(in ModelCall call, FlowFrame frame)
        {
            var sources = InstructionsIn(call.Receiver, frame, 0);
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    sources = sources.Union(InstructionsIn(argument.Value, frame, 0));
                }
            }

            return sources;
        }

        /// <summary>
        /// Instructions given where <paramref name="value"/> was made: an <c>instructions</c> argument or an
        /// <c>Instructions</c> property set in an initializer, on it or on what it was made from (<c>client.AsAIAgent(…)</c>,
        /// <c>new ChatClientAgentOptions { ChatOptions = new() { Instructions = … } }</c>). Only those values are followed
        /// as prompt text: a key that went into the client's constructor on the way is not.
        /// </summary>
        private UntrustedSources InstructionsIn(IOperation? value, FlowFrame frame, int depth)
        {
            if (value is null || depth > MaxSectionDepth)
            {
                return UntrustedSources.None;
            }

            var sources = UntrustedSources.None;
            switch (OperationScope.Unwrap(value))
            {
                case ILocalReferenceOperation local:
                    foreach (var write in frame.Facts.Writes)
                    {
                        if (!write.IsOutArgument && SymbolEqualityComparer.Default.Equals(write.Target, local.Local))
                        {
                            sources = sources.Union(InstructionsIn(write.Value, frame, depth + 1));
                        }
                    }

                    return sources;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field when !field.Field.DeclaringSyntaxReferences.IsEmpty:
                    return InstructionsWritten(field.Field, depth);
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property when !property.Property.DeclaringSyntaxReferences.IsEmpty:
                    return InstructionsWritten(property.Property, depth);
                case IObjectCreationOperation creation:
                    sources = InstructionArguments(creation.Arguments, frame, depth);
                    foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                        {
                            sources = sources.Union(target.Property.Name == "Instructions" ? Evaluate(assignment.Value, frame) : InstructionsIn(assignment.Value, frame, depth + 1));
                        }
                    }

                    return sources;
                case IInvocationOperation invocation:
                    return InstructionArguments(invocation.Arguments, frame, depth).Union(InstructionsIn(invocation.Instance, frame, depth + 1));
                default:
                    return sources;
            }
        }

        private UntrustedSources InstructionArguments(ImmutableArray<IArgumentOperation> arguments, FlowFrame frame, int depth)
        {
            var sources = UntrustedSources.None;
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    sources = sources.Union(argument.Parameter?.Name == "instructions" ? Evaluate(argument.Value, frame) : InstructionsIn(argument.Value, frame, depth + 1));
                }
            }

            return sources;
        }

        private UntrustedSources InstructionsWritten(ISymbol member, int depth)
        {
            var sources = UntrustedSources.None;
            foreach (var written in ShiftLeft.MemberWrites.Of(member))
            {
                sources = sources.Union(InstructionsIn(written, new FlowFrame(FactsOf(written), summarized: null), depth + 1));
            }

            return sources;
        }

        private static string? JoinKey(string? path, string? key) =>
            key is null ? null : string.IsNullOrEmpty(path) ? key : path + ":" + key;

        /// <summary>
        /// The text of the argument for <paramref name="parameterName"/>: a constant, or the constant tail of an
        /// interpolation (<c>$"{provider}:ApiKey"</c> → "…:ApiKey"); null when nothing of it is constant.
        /// </summary>
        private static string? KeyText(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name != parameterName)
                {
                    continue;
                }

                var value = OperationScope.Unwrap(argument.Value);
                if (value.ConstantValue.HasValue)
                {
                    return value.ConstantValue.Value as string;
                }

                if (value is IInterpolatedStringOperation { Parts.Length: > 0 } interpolated
                    && interpolated.Parts[interpolated.Parts.Length - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string tail })
                {
                    return "…" + tail;
                }

                return null;
            }

            return null;
        }
    }
}
