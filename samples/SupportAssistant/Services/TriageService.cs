using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;

namespace SupportAssistant.Services;

/// <summary>Routes a ticket with Semantic Kernel. The outcome is logged (SL0001 satisfied) but the ticket text reaches the model unguarded.</summary>
public sealed class TriageService(IChatCompletionService chat, ILogger<TriageService> logger)
{
    public async Task<string> ClassifyAsync(string ticketText, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory("Classify the ticket as billing, technical or account. Answer with one word.");
        history.AddUserMessage(ticketText);
        var reply = await chat.GetChatMessageContentAsync(history, cancellationToken: cancellationToken); // expect: SL0002, SL0010
        logger.LogInformation("Ticket classified as {Category}", reply.Content);
        return reply.Content ?? "unknown";
    }
}
