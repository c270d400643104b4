// Usage: THE list of ShiftLeft rules as data (Roslynator style). Descriptors, docs and release tracking agree with it;
// tests check every entry has docs/rules/<Id>.md and that every analyzer's descriptor comes from here. Each rule's
// taxonomy (OWASP LLM 2025, CWE, EU AI Act, GDPR) is written here and nowhere else: it becomes the descriptor's
// customTags and the last sentence of its description (RuleTaxonomy), and reaches SARIF with them.
//   private static readonly DiagnosticDescriptor Rule = RuleCatalog.ModelCallNotAuditLogged;
// Adding a rule: one RuleIdentifiers constant, one entry below, one docs/rules/<Id>.md, one line in AnalyzerReleases.Unshipped.md,
// then `bash eng/generate-rule-docs.sh` writes README's rule table and the page's header rows from this entry.
using System.Collections.Immutable;
using System.Linq;
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
            "Every model call must leave a record (record-keeping, incident investigation): log the request or the response in the same method, call an audit-log method, or use a Microsoft.Extensions.AI client pipeline with logging.",
            new RuleTaxonomy(owaspLlm: new string[0], cwe: new[] { 778 }, euAiAct: new[] { "12" }, gdpr: new string[0]));

        public static readonly DiagnosticDescriptor ModelCallWithoutGuardrail = Create(
            RuleIdentifiers.ModelCallWithoutGuardrail,
            RuleCategories.Security,
            "Model call has no guardrail",
            "{0}",
            "A generative model call whose prompt carries data from outside its author (request data, user messages, console input, files, network, database, retrieved documents, tool results) must pass through a guardrail against prompt injection and improper output handling: guard the prompt before the call, the result after it, wrap the call in a guard, or add a guarding filter or middleware. Prompts built only from constants, embedded resources, configuration and files at constant paths are not reported unless shiftleft.guardrail_scope = all.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM01", "LLM05" }, cwe: new[] { 1427, 1426 }, euAiAct: new[] { "15" }, gdpr: new string[0]));

        public static readonly DiagnosticDescriptor PersonalDataWrittenToLog = Create(
            RuleIdentifiers.PersonalDataWrittenToLog,
            RuleCategories.Privacy,
            "Personal data written to a log",
            "{0}",
            "Personal data must not reach logs unredacted (data minimisation, sensitive information disclosure): redact it before it is logged.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM02" }, cwe: new[] { 532 }, euAiAct: new string[0], gdpr: new[] { "5(1)(c)" }));

        public static readonly DiagnosticDescriptor PersonalDataSentToModel = Create(
            RuleIdentifiers.PersonalDataSentToModel,
            RuleCategories.Privacy,
            "Personal data sent to a model",
            "{0}",
            "Sending personal data to a third-party model is a data transfer that needs a legal basis (and, outside the EU, a transfer mechanism): redact it before it enters the prompt.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM02" }, cwe: new[] { 359 }, euAiAct: new string[0], gdpr: new[] { "6", "44" }));

        public static readonly DiagnosticDescriptor ConfiguredNameNotFound = Create(
            RuleIdentifiers.ConfiguredNameNotFound,
            RuleCategories.Configuration,
            "Configured name resolves to nothing",
            "'{1}' in option '{0}' does not resolve to a type or method in this compilation; fix the name (Namespace.Type.Method or Namespace.Type) or remove it",
            "A misspelt name in a ShiftLeft option silently disables the behaviour it configures, so it is reported.",
            RuleTaxonomy.None,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor GenerativeCallWithoutOutputLimit = Create(
            RuleIdentifiers.GenerativeCallWithoutOutputLimit,
            RuleCategories.Security,
            "Generative call without an output-token limit",
            "{0}",
            "A generative call whose output is bounded by neither its options, the settings of its prompt function, its client pipeline nor the SDK lets one request consume the model's whole output window (unbounded consumption): set ChatOptions.MaxOutputTokens, ChatCompletionOptions.MaxOutputTokenCount or the prompt settings' max tokens.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM10" }, cwe: new[] { 770 }, euAiAct: new string[0], gdpr: new string[0]),
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor PromptContentInTelemetry = Create(
            RuleIdentifiers.PromptContentInTelemetry,
            RuleCategories.Privacy,
            "Prompt or response content captured in telemetry",
            "{0}",
            "Telemetry that records prompts and responses copies users' messages and personal data into traces and logs kept by other systems (sensitive information disclosure, data minimisation): enable content capture only in development.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM02" }, cwe: new[] { 532 }, euAiAct: new string[0], gdpr: new[] { "5(1)(c)" }));

        public static readonly DiagnosticDescriptor ToolWithSideEffectsAutoInvoked = Create(
            RuleIdentifiers.ToolWithSideEffectsAutoInvoked,
            RuleCategories.Security,
            "Tool with side effects is invoked by the model without approval",
            "{0}",
            "A tool that acts on the world (writes a database, sends a non-GET HTTP request, writes or deletes files, starts a process, sends mail or messages, or is named for such an act) must not run on the model's decision alone (excessive agency): wrap it in ApprovalRequiredAIFunction, register an invocation filter declared an approver, or turn automatic invocation off. Raising MaximumIterationsPerRequest above the library's default lets the model chain more such calls per request.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM06" }, cwe: new[] { 862 }, euAiAct: new[] { "14" }, gdpr: new string[0]));
        public static readonly DiagnosticDescriptor UntrustedInputInInstructions = Create(
            RuleIdentifiers.UntrustedInputInInstructions,
            RuleCategories.Security,
            "Untrusted input in system instructions",
            "{0}",
            "Data from outside the application's author (request data, user chat messages, console input, files at non-constant paths, network content, database values, retrieved documents, tool and MCP results) must not become a model's system or developer instructions, nor enter a Semantic Kernel template whose encoding is switched off: whoever controls it can rewrite what the model is told to do. A guardrail does not make it safe; keep the instructions constant and send the value in a user-role message.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM01" }, cwe: new[] { 1427 }, euAiAct: new string[0], gdpr: new string[0]));
        public static readonly DiagnosticDescriptor ModelOutputInDangerousSink = Create(
            RuleIdentifiers.ModelOutputInDangerousSink,
            RuleCategories.Security,
            "Model output used unchecked in a dangerous sink",
            "{0}",
            "What a model writes is chosen by whoever shaped its prompt or context (prompt injection, poisoned documents): its response text, its structured output, the arguments of the function calls it requests and the parameters of the tools it calls must not reach SQL text, a process start, raw HTML, code or type loading, a file-system path, a redirect or type-named deserialisation unchecked: parameterise, encode, contain, or check it with an output validator.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM05" }, cwe: new[] { 89, 78, 79, 94, 22, 601, 502 }, euAiAct: new string[0], gdpr: new string[0]));
        public static readonly DiagnosticDescriptor SecretInPrompt = Create(
            RuleIdentifiers.SecretInPrompt,
            RuleCategories.Security,
            "Secret in a prompt",
            "{0}",
            "A credential in a prompt, message or instructions can be repeated to whoever talks to the model (system prompt leakage) and is copied into the provider's and the application's logs and traces: a key, token, password or connection string — a literal of a credential's shape, or a value read from configuration, the environment or a secret store under a secret's name — belongs in the client's configuration, never in the text sent to the model.",
            new RuleTaxonomy(owaspLlm: new[] { "LLM07", "LLM02" }, cwe: new[] { 200, 522, 798 }, euAiAct: new string[0], gdpr: new string[0]));

        /// <summary>Every rule, in ID order.</summary>
        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            ModelCallNotAuditLogged, ModelCallWithoutGuardrail, PersonalDataWrittenToLog, PersonalDataSentToModel, ConfiguredNameNotFound,
            UntrustedInputInInstructions, ModelOutputInDangerousSink, ToolWithSideEffectsAutoInvoked, SecretInPrompt,
            GenerativeCallWithoutOutputLimit, PromptContentInTelemetry);

        public static string HelpLink(string id) => DocumentationLinks.Rule(id);

        private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description, RuleTaxonomy taxonomy, params string[] tags) =>
            Create(id, category, title, message, description, taxonomy, DiagnosticSeverity.Warning, tags);

        private static DiagnosticDescriptor Create(string id, string category, string title, string message, string description, RuleTaxonomy taxonomy, DiagnosticSeverity severity, params string[] tags)
        {
            var sentence = taxonomy.Sentence();
            return new(id, title, message, category, severity, isEnabledByDefault: true,
                sentence.Length == 0 ? description : description + " " + sentence, HelpLink(id), tags.Concat(taxonomy.Tags()).ToArray());
        }
    }

    internal static class RuleCategories
    {
        public const string Accountability = "Accountability";
        public const string Security = "Security";
        public const string Privacy = "Privacy";
        public const string Configuration = "Configuration";
    }
}
