using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// The questions SL0001 and SL0002 ask about one model call, answered from the member's facts (computed once per
    /// member, shared by both rules through a per-compilation cache).
    /// </summary>
    internal sealed class ModelCallAnalysis
    {
        // Weak: a member's facts live as long as its operation tree (the driver drops a document's trees when done).
        private readonly ConditionalWeakTable<IOperation, MemberFacts> _facts = new();
        private readonly ConditionalWeakTable<IOperation, MemberFacts>.CreateValueCallback _collect = MemberFacts.Collect;
        private readonly Lazy<ServiceRegistrations> _registrations;

        public ModelCallAnalysis(ShiftLeftCompilation shiftLeft)
        {
            ShiftLeft = shiftLeft;
            _registrations = new Lazy<ServiceRegistrations>(() => ServiceRegistrations.Scan(shiftLeft));
        }

        public ShiftLeftCompilation ShiftLeft { get; }

        public ServiceRegistrations Registrations => _registrations.Value;

        /// <summary>The facts of the member <paramref name="operation"/> is in, gathered once for all of its model calls.</summary>
        public MemberFacts FactsFor(IOperation operation) =>
            _facts.GetValue(OperationScope.GetMemberRoot(operation), _collect);

        /// <summary>SL0001: the call leaves a record (its request or response is logged, or its pipeline logs).</summary>
        public bool IsAuditLogged(in ModelCall call, MemberFacts facts, CallValues values)
        {
            foreach (var invocation in facts.Invocations)
            {
                if (invocation == call.Invocation || !ShiftLeft.LogSinks.TryClassify(invocation, out _))
                {
                    continue;
                }

                foreach (var argument in LogSinkClassifier.LoggedArguments(invocation))
                {
                    if (OperationScope.Mentions(argument.Value, values.Prompt, values.Result, call.Invocation))
                    {
                        return true;
                    }
                }
            }

            var pipeline = Pipeline(call, facts);
            return pipeline is { } known && (known.HasLogging || (known.IsInjected && !known.HasVisibleCreation && Registrations.HasLogging));
        }

        /// <summary>SL0002: the call passes through a guardrail (input, output, wrapper, pipeline, or it is itself inside a guardrail).</summary>
        public bool IsGuarded(in ModelCall call, ISymbol? containingSymbol, MemberFacts facts, CallValues values)
        {
            var invocation = call.Invocation;
            if (ShiftLeft.Guardrails.IsInsideGuardrail(containingSymbol) || IsInsideGuardWrapper(invocation))
            {
                return true;
            }

            var prompt = values.Prompt;
            var result = values.Result;
            foreach (var guard in facts.Invocations)
            {
                if (guard == invocation || !ShiftLeft.Guardrails.IsGuardrailMethod(guard.TargetMethod))
                {
                    continue;
                }

                if (call.PromptArguments.Any(argument => IsWithin(guard, argument)))
                {
                    return true;
                }

                foreach (var argument in guard.Arguments)
                {
                    var guardsInput = guard.Syntax.SpanStart < invocation.Syntax.SpanStart && OperationScope.Mentions(argument.Value, prompt);
                    var guardsOutput = OperationScope.Mentions(argument.Value, result, invocation);
                    if (guardsInput || guardsOutput)
                    {
                        return true;
                    }
                }
            }

            var pipeline = Pipeline(call, facts);
            return pipeline is { } known && (known.HasGuardrail || (known.IsInjected && !known.HasVisibleCreation && Registrations.HasGuardrail));
        }

        private PipelineFacts? Pipeline(in ModelCall call, MemberFacts facts) =>
            call.Receiver is { } receiver && ClientPipeline.IsPipelineClient(ShiftLeft, receiver)
                ? ClientPipeline.Analyze(ShiftLeft, facts, receiver)
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

        private static bool IsWithin(IOperation inner, IOperation outer)
        {
            for (var current = inner; current is not null; current = current.Parent)
            {
                if (current == outer)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
