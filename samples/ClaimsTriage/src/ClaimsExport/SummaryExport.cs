using OpenAI.Chat;

namespace ClaimsExport;

/// <summary>Nightly export of claim summaries: the call is neither guarded nor recorded.</summary>
public static class SummaryExport
{
    public static async Task<string> SummarizeAsync(ChatClient chat, string claimText)
    {
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(claimText)]); // expect: SL0001, SL0002, SL0010
        return completion.Content[0].Text;
    }
}
