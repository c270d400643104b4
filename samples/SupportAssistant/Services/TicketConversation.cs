using Microsoft.Extensions.AI;

namespace SupportAssistant.Services;

/// <summary>
/// Starts the conversation about a ticket exported to disk. The ticket's text — written by the customer — is put into
/// the system message, so a customer can rewrite the assistant's instructions (SL0006); the safe shape keeps the
/// instructions constant and sends the ticket as a user message, as <see cref="TicketSummarizer"/> does.
/// </summary>
public static class TicketConversation
{
    public static List<ChatMessage> Start(string ticketPath)
    {
        var ticket = File.ReadAllText(ticketPath);
        return [new ChatMessage(ChatRole.System, "You draft replies to support tickets. The ticket: " + ticket)]; // expect: SL0006
    }
}
