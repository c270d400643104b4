using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>Where personal data must not go.</summary>
    internal enum SinkKind
    {
        /// <summary>A log, audit log, console or trace write (SL0003).</summary>
        Log,

        /// <summary>The prompt / messages of a model call (SL0004).</summary>
        Model,

        /// <summary>What a method exposed to a model as a tool returns: it goes to the model (SL0004).</summary>
        ToolResult,
    }

    /// <summary>The role an invocation plays for personal data, as far as configuration and attributes decide it.</summary>
    internal enum InvocationRole
    {
        None,

        /// <summary>Returns a redacted form of its input: the flow stops.</summary>
        Redactor,

        /// <summary>Filters for safety, not privacy: its result still carries its input.</summary>
        Guardrail,

        /// <summary>A model call: its prompt arguments are a sink; its response carries the prompt's personal data.</summary>
        ModelCall,

        /// <summary>A log write: its logged arguments are a sink.</summary>
        Log,
    }

    /// <summary>What the flow engine needs to know about one invocation.</summary>
    internal readonly struct InvocationClassification
    {
        public InvocationClassification(InvocationRole role, string displayName, ImmutableArray<IOperation> sinkArguments)
        {
            Role = role;
            DisplayName = displayName;
            SinkArguments = sinkArguments;
        }

        public static InvocationClassification None => default;

        public InvocationRole Role { get; }

        /// <summary>How the message names the call, e.g. <c>LogInformation</c> or <c>ChatClient.CompleteChatAsync</c>.</summary>
        public string DisplayName { get; }

        /// <summary>The argument values that reach the sink (logged values; prompt / messages).</summary>
        public ImmutableArray<IOperation> SinkArguments { get; }
    }

    /// <summary>The per-compilation knowledge the flow engine consults. Implementations cache and never throw.</summary>
    internal interface IPersonalDataRules
    {
        /// <summary>True when a field, property, parameter or local holds personal data by its name or attributes.</summary>
        bool IsPersonalData(ISymbol symbol);

        /// <summary>
        /// True when reading <paramref name="member"/> on <paramref name="instance"/> gives personal data: the member is
        /// personal data, or it is a bare name read on a person (<c>customer.Name</c>, <c>_user.DisplayName</c>).
        /// </summary>
        bool IsPersonalRead(ISymbol member, IOperation? instance);

        /// <summary>"the 'email' claim" when the call reads a personal claim, else null.</summary>
        string? ClaimRead(IInvocationOperation invocation);

        /// <summary>"'form' serialised with its 'Email', …" when the call serialises an object with personal members, else null.</summary>
        string? SerializedObject(IInvocationOperation invocation);

        /// <summary>Redactor, guardrail, model call, log write or none.</summary>
        InvocationClassification Classify(IInvocationOperation invocation);

        /// <summary>True for chat-message types and message containers (their construction makes a prompt).</summary>
        bool IsMessageType(ITypeSymbol? type);

        /// <summary>Well-known framework types the propagation rules need.</summary>
        PersonalDataTypes Types { get; }

        /// <summary><c>shiftleft.personal_data_interprocedural</c>: calls into this compilation's own methods carry their arguments.</summary>
        bool InterproceduralFlow { get; }
    }
}
