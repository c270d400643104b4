using OpenAI.Chat;

namespace ClaimsTriage.Services;

/// <summary>Explains a fraud flag to the adjuster with OpenAI's ChatClient: neither guarded nor recorded.</summary>
public sealed class FraudExplainer(ChatClient chat)
{
    public async Task<string> ExplainAsync(string claimId, string description, CancellationToken cancellationToken = default)
    {
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage($"Why could claim {claimId} be fraudulent? {description}")], cancellationToken: cancellationToken); // expect: SL0001, SL0002, SL0010
        return completion.Content[0].Text;
    }
}
