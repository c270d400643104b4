namespace ShiftLeft.Build.Policy;

/// <summary>The built-in tiers; a policy's "tiers" section overrides them field by field.</summary>
public static class TierDefaults
{
    /// <summary>Artifact kinds with a built-in validator.</summary>
    public static class Kinds
    {
        public const string ModelCard = "modelCard";
        public const string Evaluation = "evaluation";
        public const string RedTeam = "redTeam";
        public const string RiskRegister = "riskRegister";
        public const string DataSheet = "dataSheet";
        public const string OversightPlan = "oversightPlan";

        /// <summary>A release sign-off exported from the portal, signed; never part of a built-in tier.</summary>
        public const string SignOff = "signOff";

        /// <summary>Every built-in kind; any other kind must be declared under "customKinds".</summary>
        public static readonly IReadOnlyList<string> All = [ModelCard, Evaluation, RedTeam, RiskRegister, DataSheet, OversightPlan, SignOff];

        /// <summary>Kinds whose files are JSON.</summary>
        public static bool IsJson(string kind) => kind is Evaluation or RedTeam or RiskRegister or SignOff;

        /// <summary>Kinds that certify a model and a prompt set: each must say which ones it was produced against.</summary>
        public static bool Certifies(string kind) => kind is ModelCard or Evaluation or RedTeam;
    }

    /// <summary>minimal, limited and high as the documentation describes them.</summary>
    public static IReadOnlyDictionary<string, TierPolicy> All { get; } = new Dictionary<string, TierPolicy>(StringComparer.Ordinal)
    {
        ["minimal"] = new("minimal", [Kinds.ModelCard], null),
        ["limited"] = new("limited", [Kinds.ModelCard, Kinds.Evaluation], null),
        ["high"] = new("high", [Kinds.ModelCard, Kinds.Evaluation, Kinds.RedTeam, Kinds.RiskRegister, Kinds.DataSheet, Kinds.OversightPlan], 90),
    };
}
