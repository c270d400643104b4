// Usage: THE list of ShiftLeft rules as data (Roslynator style). Descriptors, docs and release tracking agree with it;
// tests check every entry has docs/rules/<Id>.md and that every analyzer's descriptor comes from here.
//   private static readonly DiagnosticDescriptor Rule = RuleCatalog.ModelCallNotAuditLogged;
// Adding a rule: one RuleIdentifiers constant, one entry below, one docs/rules/<Id>.md, one line in AnalyzerReleases.Unshipped.md.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Rules
{
    internal static class RuleCatalog
    {
        public static readonly DiagnosticDescriptor ModelCallNotAuditLogged = Create(
            RuleIdentifiers.ModelCallNotAuditLogged,
            RuleCategories.Accountability,
            "Model call is not audit-logged",
            "{0}",
            "Every model call must leave a record (EU AI Act Art. 12 record-keeping, incident investigation): log the request or the response in the same method, call an audit-log method, or use a Microsoft.Extensions.AI client pipeline with logging.");

        public static readonly DiagnosticDescriptor ModelCallWithoutGuardrail = Create(
            RuleIdentifiers.ModelCallWithoutGuardrail,
            RuleCategories.Security,
            "Model call has no guardrail",
            "{0}",
            "A generative model call whose prompt carries data from outside its author (request data, user messages, console input, files, network, database, retrieved documents, tool results) must pass through a guardrail (OWASP LLM01 prompt injection, LLM05 improper output handling): guard the prompt before the call, the result after it, wrap the call in a guard, or add a guarding filter or middleware. Prompts built only from constants, embedded resources, configuration and files at constant paths are not reported unless shiftleft.guardrail_scope = all.");

        public static readonly DiagnosticDescriptor PersonalDataWrittenToLog = Create(
            RuleIdentifiers.PersonalDataWrittenToLog,
            RuleCategories.Privacy,
            "Personal data written to a log",
            "{0}",
            "Personal data must not reach logs unredacted (GDPR data minimisation, OWASP LLM02 sensitive information disclosure): redact it before it is logged.");

        public static readonly DiagnosticDescriptor PersonalDataSentToModel = Create(
            RuleIdentifiers.PersonalDataSentToModel,
            RuleCategories.Privacy,
            "Personal data sent to a model",
            "{0}",
            "Sending personal data to a third-party model is a data transfer that needs a legal basis (GDPR, OWASP LLM02): redact it before it enters the prompt.");

        public static readonly DiagnosticDescriptor ConfiguredNameNotFound = Create(
            RuleIdentifiers.ConfiguredNameNotFound,
            RuleCategories.Configuration,
            "Configured name resolves to nothing",
            "'{1}' in option '{0}' does not resolve to a type or method in this compilation; fix the name (Namespace.Type.Method or Namespace.Type) or remove it",
            "A misspelt name in a ShiftLeft option silently disables the behaviour it configures, so it is reported.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor GenerativeCallWithoutOutputLimit = Create(
            RuleIdentifiers.GenerativeCallWithoutOutputLimit,
            RuleCategories.Security,
            "Generative call without an output-token limit",
            "{0}",
            "A generative call whose output is bounded by neither its options, the settings of its prompt function, its client pipeline nor the SDK lets one request consume the model's whole output window (OWASP LLM10 unbounded consumption, CWE-770): set ChatOptions.MaxOutputTokens, ChatCompletionOptions.MaxOutputTokenCount or the prompt settings' max tokens.",
            DiagnosticSeverity.Info,
            RuleTags.Security, RuleTags.Owasp("LLM10"), RuleTags.Cwe(770));

        public static readonly DiagnosticDescriptor PromptContentInTelemetry = Create(
            RuleIdentifiers.PromptContentInTelemetry,
            RuleCategories.Privacy,
            "Prompt or response content captured in telemetry",
            "{0}",
            "Telemetry that records prompts and responses copies users' messages and personal data into traces and logs kept by other systems (OWASP LLM02 sensitive information disclosure, GDPR Art. 5(1)(c) data minimisation, CWE-532): enable content capture only in development.",
            DiagnosticSeverity.Warning,
            RuleTags.Security, RuleTags.Privacy, RuleTags.Owasp("LLM02"), RuleTags.Cwe(532));

        /// <summary>Every rule, in ID order.</summary>
        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            ModelCallNotAuditLogged, ModelCallWithoutGuardrail, PersonalDataWrittenToLog, PersonalDataSentToModel, ConfiguredNameNotFound,
            GenerativeCallWithoutOutputLimit, PromptContentInTelemetry);

        public static string HelpLink(string id) => DocumentationLinks.Rule(id);

        private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description, params string[] tags) =>
            Create(id, category, title, message, description, DiagnosticSeverity.Warning, tags);

        private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description, DiagnosticSeverity severity, params string[] tags) =>
            new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLink(id), tags);
    }

    /// <summary>
    /// Custom tags of a descriptor, emitted into SARIF as the rule's <c>properties.tags</c>: the OWASP Top 10 for LLM
    /// Applications (2025) category as <c>owasp-llmNN</c> and the CWE as <c>external/cwe/cwe-N</c> (the form GitHub code
    /// scanning shows), so a reader of the log learns a rule's taxonomy from the rule itself.
    /// </summary>
    internal static class RuleTags
    {
        public const string Security = "security";
        public const string Privacy = "privacy";

        public static string Owasp(string category) => "owasp-" + category.ToLowerInvariant();

        public static string Cwe(int number) => "external/cwe/cwe-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static class RuleCategories
    {
        public const string Accountability = "Accountability";
        public const string Security = "Security";
        public const string Privacy = "Privacy";
        public const string Configuration = "Configuration";
    }
}
