using OpenAI.Chat;

namespace SupportAssistant.Services;

/// <summary>Liveness probe with a fixed, content-free prompt: a reviewed, suppressed exception to SL0001/SL0002.</summary>
public sealed class HealthProbe(ChatClient chat)
{
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
#pragma warning disable SL0001, SL0002 // Fixed "ping" prompt: nothing user-supplied to guard, nothing worth auditing.
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("ping")], cancellationToken: cancellationToken); // expect: SL0010
#pragma warning restore SL0001, SL0002
        return completion.Content.Count > 0;
    }
}
