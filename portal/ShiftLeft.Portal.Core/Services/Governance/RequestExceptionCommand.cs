namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>Asks for an exception to one evidence requirement of an AI system, until <see cref="Expires"/> (last day, inclusive).</summary>
public sealed record RequestExceptionCommand(long AiSystemId, string Requirement, string Reason, DateOnly Expires, IReadOnlyList<string>? Risks = null);
