using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssistant.Safety;

namespace SupportAssistant.Services;

/// <summary>
/// Answers questions through the injected IChatClient. Program.cs registers it with UseLogging()/UseOpenTelemetry(),
/// so every call is recorded; the one-shot answer is not guarded, the streamed one is.
/// </summary>
public sealed class AnswerService(IChatClient client, ILogger<AnswerService> logger)
{
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Answering a support question");
        var response = await client.GetResponseAsync(question, cancellationToken: cancellationToken); // expect: SL0002, SL0010
        return response.Text;
    }

    public async IAsyncEnumerable<string> StreamAsync(string question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in client.GetStreamingResponseAsync(PromptGuard.Check(question), cancellationToken: cancellationToken)) // expect: SL0010
        {
            yield return update.Text;
        }
    }
}
