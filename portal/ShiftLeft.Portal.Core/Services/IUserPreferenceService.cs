using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>What a signed-in person chose once and the portal remembers for them (stored on their account).</summary>
public interface IUserPreferenceService
{
    /// <summary>The person's rule scope; <see cref="RuleScope.All"/> for an unknown user.</summary>
    Task<RuleScope> GetRuleScopeAsync(string userId, CancellationToken cancellationToken = default);

    Task SetRuleScopeAsync(string userId, RuleScope scope, CancellationToken cancellationToken = default);
}
