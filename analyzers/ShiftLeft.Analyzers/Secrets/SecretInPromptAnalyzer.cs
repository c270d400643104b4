using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Rules;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.Secrets
{
    /// <summary>
    /// SL0009: a credential reaches the prompt, messages or instructions of a model call — a literal of a credential's
    /// shape, or a value read from configuration, the environment or a secret store under a secret's name. Reported on
    /// the call, as SL0001 and SL0004 are. The flow is the one SL0002 uses (the untrusted-source engine, in its secret
    /// mode), asked only from a model call: what reaches the client's constructor (<c>new OpenAIClient(apiKey)</c>) is
    /// not a prompt and is never followed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SecretInPromptAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.SecretInPrompt);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var analysis = ModelCallAnalysis.For(shiftLeft);

                // The cheap trigger: the flow walk from a model call cannot stop early when it finds nothing, and it
                // can follow a value into any file, so it runs only where some file of the compilation names a secret.
                var mayHoldSecrets = new Lazy<bool>(() => SecretSourceText.AnyIn(start.Compilation));
                var callers = new CallerArguments(shiftLeft);
                start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, analysis, mayHoldSecrets, callers), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ModelCallAnalysis analysis, Lazy<bool> mayHoldSecrets, CallerArguments callers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            // The compilation's answer first: where no file names a secret, no invocation is classified at all.
            if (!mayHoldSecrets.Value
                || !GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, invocation.Syntax.SyntaxTree)
                || !analysis.TryGetApplicationCall(invocation, context.ContainingSymbol, out var call))
            {
                return;
            }

            var secrets = analysis.ShiftLeft.Secrets;
            var facts = ModelCallAnalysis.FactsFor(invocation);
            var secret = FirstSecret(secrets.PromptOf(call, facts));
            string? through = null;

            // A helper's prompt built from its parameters (the secret mode names no parameter, so the callers are asked
            // whenever the prompt reads one): a secret its callers pass (Ask(config["OpenAI:ApiKey"])).
            if (secret is null)
            {
                foreach (var prompt in call.PromptArguments)
                {
                    if (callers.FirstSource(prompt.Value, facts, secrets, FirstSecret) is { } passed)
                    {
                        (secret, through) = passed;
                        break;
                    }
                }
            }

            var location = ModelCallLocation.Of(invocation);
            if (secret is null || !GeneratedCode.IsReportable(location, context.IsGeneratedCode))
            {
                return;
            }

            var identity = ModelCallLocation.Identity(RuleCatalog.SecretInPrompt, context.ContainingSymbol, invocation);
            context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.SecretInPrompt, location, identity, FormatMessage(call, secret, through)));
        }

        /// <summary>Names where the secret came from, never the secret: a literal is named by its kind only, so SARIF and the portal never show the value.</summary>
        internal static string FormatMessage(in ModelCall call, UntrustedSource secret, string? passedThrough = null) =>
            "Model call '" + call.DisplayName + "' sends " + secret.Description
            + (passedThrough is null ? string.Empty : CallerArguments.PassedBy(passedThrough))
            + " to the model: a secret in a prompt can be repeated to users and is copied into the provider's logs; keep it out of prompts, messages and instructions (authenticate the client with it instead)";

        private static UntrustedSource? FirstSecret(UntrustedSources sources)
        {
            foreach (var source in sources.IsEmpty ? ImmutableArray<UntrustedSource>.Empty : sources.All)
            {
                if (source.Kind == UntrustedSourceKind.Secret)
                {
                    return source;
                }
            }

            return null;
        }
    }
}
