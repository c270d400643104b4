using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// The questions SL0001 and SL0002 ask about one model call, answered from its member's facts (gathered once per
    /// call for both rules).
    /// </summary>
    internal sealed class ModelCallAnalysis
    {
        // One per compilation, shared by every analyzer that reads what a model call is made through (SL0001, SL0002 and
        // SL0010): the layers' behaviour and the DI registrations are then read once for all of them.
        private static readonly ConditionalWeakTable<ShiftLeftCompilation, ModelCallAnalysis> Shared = new();

        private readonly Lazy<ServiceRegistrations> _registrations;

        /// <summary>The compilation's shared instance.</summary>
        public static ModelCallAnalysis For(ShiftLeftCompilation shiftLeft) => Shared.GetValue(shiftLeft, compilation => new ModelCallAnalysis(compilation));

        private ModelCallAnalysis(ShiftLeftCompilation shiftLeft)
        {
            ShiftLeft = shiftLeft;
            _registrations = new Lazy<ServiceRegistrations>(() => ServiceRegistrations.Scan(shiftLeft, shiftLeft.Layers));
            PluginKernels = new PluginKernels(shiftLeft);
        }

        public ShiftLeftCompilation ShiftLeft { get; }

        /// <summary>What the compilation's own filters and middleware do (the compilation's one reading).</summary>
        public MiddlewareBehaviour Layers => ShiftLeft.Layers;

        public ServiceRegistrations Registrations => _registrations.Value;

        /// <summary>The kernels a tool's Kernel parameter stands for (the kernels its plugin is imported into), found on demand.</summary>
        public PluginKernels PluginKernels { get; }

        /// <summary>
        /// A model call the application makes: classified as one, and neither inside a model client's own implementation nor
        /// the call a middleware forwards (the application's call through that middleware is the one reported).
        /// </summary>
        public bool TryGetApplicationCall(IInvocationOperation invocation, ISymbol containingSymbol, out ModelCall call) =>
            ShiftLeft.ModelCalls.TryClassify(invocation, out call)
            && !ShiftLeft.ModelCalls.IsInsideModelClientImplementation(containingSymbol)
            && !MiddlewareForwarding.IsForwardedByMiddleware(call, ShiftLeft);

        /// <summary>The facts of the member <paramref name="operation"/> is in.</summary>
        public static MemberFacts FactsFor(IOperation operation) => MemberFacts.Gather(OperationScope.GetMemberRoot(operation));

        /// <summary>SL0001: the call leaves a record (its request or response is logged, or its pipeline logs).</summary>
        public bool IsAuditLogged(in ModelCall call, MemberFacts facts, CallValues values)
        {
            if (LogsRequestOrResponse(call, facts, values, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
            {
                return true;
            }

            var pipeline = values.Pipeline(this);
            return pipeline is { } known && (Logs(known) || (known.IsInjected && EveryPluginKernel(call, facts, Logs)));
        }

        private bool Logs(PipelineFacts pipeline) => pipeline.HasLogging || (pipeline.IsInjected && Registrations.Of(pipeline.Kind).Logs);

        private bool Guards(PipelineFacts pipeline) => pipeline.HasGuardrail || (pipeline.IsInjected && Registrations.Of(pipeline.Kind).Guards);

        /// <summary>
        /// The call runs on a tool's Kernel parameter and every kernel its plugin is imported into satisfies <paramref name="holds"/>;
        /// false when no import is visible (asked only after the call's own pipeline failed, so only for such calls).
        /// </summary>
        private bool EveryPluginKernel(in ModelCall call, MemberFacts facts, Func<PipelineFacts, bool> holds)
        {
            var kernels = PluginKernels.Of(call, facts);
            if (kernels.IsEmpty)
            {
                return false;
            }

            foreach (var kernel in kernels)
            {
                if (!holds(kernel))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// SL0001 does not apply: an embedding computed by a model in the application's process is a local vectorisation,
        /// nothing leaves the process and there is no model operator's record to keep. Generative calls always apply.
        /// </summary>
        public bool IsInProcessEmbedding(in ModelCall call, CallValues values) =>
            call.Kind == ModelCallKind.Embedding && values.Pipeline(this) is { RunsInProcess: true };

        /// <summary>A log call of the member mentions the call, or reads what it sent or what it returned.</summary>
        private bool LogsRequestOrResponse(in ModelCall call, MemberFacts facts, CallValues values, HashSet<ISymbol> logged)
        {
            // Everything the member's log calls read, asked about once.
            foreach (var invocation in facts.Invocations)
            {
                if (invocation == call.Invocation || !ShiftLeft.LogSinks.TryClassify(invocation, out _))
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (LogSinkClassifier.IsLogged(argument) && values.ContainsCall(argument.Value, logged))
                    {
                        return true;
                    }
                }
            }

            // The result first: following it back is cheaper than the prompt's closure, which it often makes unnecessary.
            return logged.Count > 0 && (values.ReachResult(logged) || values.ReachPrompt(logged));
        }

        /// <summary>SL0002: the call passes through a guardrail (input, output, wrapper, pipeline, or it is itself inside a guardrail).</summary>
        public bool IsGuarded(in ModelCall call, ISymbol? containingSymbol, MemberFacts facts, CallValues values)
        {
            if (ShiftLeft.Guardrails.IsInsideGuardrail(containingSymbol) || IsInsideGuardWrapper(call.Invocation))
            {
                return true;
            }

            var guardedBefore = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var guarded = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (PassesGuard(call, facts, values, guardedBefore, guarded))
            {
                return true;
            }

            var pipeline = values.Pipeline(this);
            return pipeline is { } known && (Guards(known) || (known.IsInjected && EveryPluginKernel(call, facts, Guards)));
        }

        /// <summary>
        /// A guard call of the member wraps a prompt argument or the call, reads (before the call) what the prompt was
        /// built from, or reads what the call returned.
        /// </summary>
        private bool PassesGuard(in ModelCall call, MemberFacts facts, CallValues values, HashSet<ISymbol> guardedBefore, HashSet<ISymbol> guarded)
        {
            var invocation = call.Invocation;
            foreach (var guard in facts.Invocations)
            {
                if (guard == invocation || !ShiftLeft.Guardrails.IsGuardrailMethod(guard.TargetMethod))
                {
                    continue;
                }

                foreach (var argument in call.PromptArguments)
                {
                    if (OperationScope.IsWithin(guard, argument))
                    {
                        return true;
                    }
                }

                var precedesCall = guard.Syntax.SpanStart < invocation.Syntax.SpanStart;
                foreach (var argument in guard.Arguments)
                {
                    if (values.ContainsCall(argument.Value, guarded))
                    {
                        return true;
                    }

                    if (precedesCall)
                    {
                        OperationScope.CollectTrackedSymbols(argument.Value, guardedBefore);
                    }
                }
            }

            return (guarded.Count > 0 && values.ReachResult(guarded)) || (guardedBefore.Count > 0 && values.ReachPrompt(guardedBefore));
        }

        /// <summary>What the layers of the client, kernel or agent the call is made through do; null when it has no pipeline.</summary>
        public PipelineFacts? Pipeline(in ModelCall call, MemberFacts facts) =>
            ClientPipeline.OperandOf(ShiftLeft, call) is { } followed
                ? ClientPipeline.Analyze(ShiftLeft, Layers, facts, followed.Operand, followed.Kind)
                : null;

        /// <summary>The call sits in a lambda (or local function body) passed to a guardrail method: <c>Guard.RunAsync(q =&gt; client.X(q))</c>.</summary>
        private bool IsInsideGuardWrapper(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation
                    && current.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation wrapper } }
                    && ShiftLeft.Guardrails.IsGuardrailMethod(wrapper.TargetMethod))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
