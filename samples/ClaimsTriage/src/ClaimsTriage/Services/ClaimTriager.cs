using ClaimsTriage.Safety;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ClaimsTriage.Services;

/// <summary>Routes a claim to a queue with a model: guarded and audited, but the claimant's e-mail reaches the log, the prompt and, through the answer, the audit log.</summary>
public sealed class ClaimTriager(IChatClient client, ILogger<ClaimTriager> logger)
{
    public async Task<Queue> TriageAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Triaging claim {ClaimId} from {Email}", claim.Id, claim.Email); // expect: SL0003
        var prompt = $"Claimant {claim.ClaimantName} ({claim.Email}) claims {claim.Amount} for: {ClaimGuard.Screen(claim.Description)}. Answer FastTrack, Adjuster or FraudReview.";
        var response = await client.GetResponseAsync(prompt, cancellationToken: cancellationToken); // expect: SL0004
        DecisionLog.Record(claim.Id, response.Text); // expect: SL0003
        return Enum.TryParse<Queue>(response.Text.Trim(), out var queue) ? queue : Queue.Adjuster;
    }
}
