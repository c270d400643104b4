using OpenAI.Chat;
using SupportAssistant.Safety;

namespace SupportAssistant.Services;

/// <summary>Summarises a support ticket with OpenAI's ChatClient. Guarded, but nothing records the call.</summary>
public sealed class TicketSummarizer(ChatClient chat)
{
    public async Task<string> SummarizeAsync(string ticketText, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("Summarise the support ticket in two sentences."),
            new UserChatMessage(PromptGuard.Check(ticketText)),
        ];
        ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: cancellationToken); // expect: SL0001, SL0010
        return completion.Content[0].Text;
    }
}
