// Usage: the .editorconfig keys of ShiftLeft (a user-facing contract: never rename one).
//   [*.cs]
//   shiftleft.guardrail_methods = Contoso.Safety.PromptGuard.Check, Contoso.Safety.OutputGuard
// Read them through ShiftLeftCompilation.Get(ctx).Options, never directly.
namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>Every <c>.editorconfig</c> key the analyzers read.</summary>
    internal static class OptionKeys
    {
        /// <summary>Extra model-call methods: <c>Namespace.Type.Method</c> or <c>Namespace.Type</c>, comma separated.</summary>
        public const string ModelCallMethods = "shiftleft.model_call_methods";

        /// <summary>Methods that write the audit log (count as log sinks for SL0001 and SL0003).</summary>
        public const string AuditLogMethods = "shiftleft.audit_log_methods";

        /// <summary>Guardrail methods (input or output guards, guard wrappers, ChatClientBuilder extensions).</summary>
        public const string GuardrailMethods = "shiftleft.guardrail_methods";

        /// <summary>Redaction methods: personal data stops at them (SL0003/SL0004).</summary>
        public const string RedactionMethods = "shiftleft.redaction_methods";

        /// <summary>Methods whose result is outside data (SL0002 and the rules built on the untrusted-source catalogue).</summary>
        public const string UntrustedSourceMethods = "shiftleft.untrusted_source_methods";

        /// <summary>Output validators: model output they check or return is safe for SL0007's sinks.</summary>
        public const string OutputValidationMethods = "shiftleft.output_validation_methods";

        /// <summary>Which unguarded calls SL0002 reports: <c>risk</c> (default: prompts carrying outside data) or <c>all</c> (every generative call).</summary>
        public const string GuardrailScope = "shiftleft.guardrail_scope";

        /// <summary>Extra personal-data terms (plain words, not type names), comma separated.</summary>
        public const string PersonalDataNames = "shiftleft.personal_data_names";

        /// <summary>Extra attributes marking personal data: full type names or simple names.</summary>
        public const string PersonalDataAttributes = "shiftleft.personal_data_attributes";

        /// <summary>Types (or methods) that ask a human before a tool runs: Semantic Kernel invocation filters declared approvers (SL0008).</summary>
        public const string ApproverMethods = "shiftleft.approver_methods";

        /// <summary>Extra in-process model runtimes (SL0001/SL0004): namespaces or full type names, comma separated.</summary>
        public const string InProcessModelTypes = "shiftleft.in_process_model_types";

        /// <summary>The output-token limit the SL0010 code fix writes: a positive integer, 1024 when unset.</summary>
        public const string DefaultMaxOutputTokens = "shiftleft.default_max_output_tokens";
    }
}
