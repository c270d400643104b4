namespace ShiftLeft.Analyzers
{
    /// <summary>Every diagnostic ID the analyzers report. IDs are a public contract: never reuse or renumber one.</summary>
    internal static class RuleIdentifiers
    {
        public const string ModelCallNotAuditLogged = "SL0001";
        public const string ModelCallWithoutGuardrail = "SL0002";
        public const string PersonalDataWrittenToLog = "SL0003";
        public const string PersonalDataSentToModel = "SL0004";
        public const string ConfiguredNameNotFound = "SL0005";

        // OWASP Top 10 for LLM Applications (2025) rules.
        public const string UntrustedInputInInstructions = "SL0006";
        public const string ModelOutputInDangerousSink = "SL0007";
        public const string ToolWithSideEffectsAutoInvoked = "SL0008";
        public const string SecretInPrompt = "SL0009";
        public const string GenerativeCallWithoutOutputLimit = "SL0010";
        public const string PromptContentInTelemetry = "SL0011";
    }
}
