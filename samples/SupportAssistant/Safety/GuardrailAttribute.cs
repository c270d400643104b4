namespace SupportAssistant.Safety;

/// <summary>Marks a guardrail method or class. ShiftLeft recognises it by its simple name, so no ShiftLeft runtime package is needed.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class GuardrailAttribute : Attribute
{
}
