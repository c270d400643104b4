using OpenAI.Chat;

namespace SupportAssistant.Safety;

/// <summary>
/// A guardrail that asks a judge model whether an answer is polite. Being a guardrail itself it needs no guardrail
/// (no SL0002), but its own model call must still be audit-logged: it is not, so SL0001 is expected.
/// </summary>
[Guardrail]
public sealed class ToneJudge(ChatClient judge)
{
    public async Task<bool> IsPoliteAsync(string answer, CancellationToken cancellationToken = default)
    {
        ChatCompletion verdict = await judge.CompleteChatAsync( // expect: SL0001, SL0010
            [new SystemChatMessage("Reply 'yes' if the support answer is polite, otherwise 'no'."), new UserChatMessage(answer)],
            cancellationToken: cancellationToken);
        return verdict.Content[0].Text.Trim().StartsWith("yes", StringComparison.OrdinalIgnoreCase);
    }
}
