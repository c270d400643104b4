// Usage: what ModelCallClassifier.TryClassify returns for a model call.
//   call.Kind == ModelCallKind.Generative   // chat, completions, responses, prompt invocation
//   call.PromptArguments                    // the arguments carrying the prompt / messages / embedding input
//   call.Receiver                           // the client (instance, or the `this` argument of an extension), may be null
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal enum ModelCallKind
    {
        /// <summary>Chat, completion, response or prompt invocation: produces text a user or program acts on.</summary>
        Generative,

        /// <summary>Embedding generation: sends input, returns vectors.</summary>
        Embedding,
    }

    internal readonly struct ModelCall
    {
        public ModelCall(IInvocationOperation invocation, ModelCallKind kind, IOperation? receiver, ImmutableArray<IArgumentOperation> promptArguments, bool isConfigured)
        {
            Invocation = invocation;
            Kind = kind;
            Receiver = receiver;
            PromptArguments = promptArguments;
            IsConfigured = isConfigured;
        }

        public IInvocationOperation Invocation { get; }
        public ModelCallKind Kind { get; }
        public IOperation? Receiver { get; }
        public ImmutableArray<IArgumentOperation> PromptArguments { get; }

        /// <summary>Recognised through <c>shiftleft.model_call_methods</c> rather than the built-in table.</summary>
        public bool IsConfigured { get; }

        public IMethodSymbol Method => Invocation.TargetMethod;

        /// <summary>"ChatClient.CompleteChatAsync": how messages name the call.</summary>
        public string DisplayName => (Method.ContainingType?.Name is { Length: > 0 } type ? type + "." : string.Empty) + Method.Name;
    }
}
