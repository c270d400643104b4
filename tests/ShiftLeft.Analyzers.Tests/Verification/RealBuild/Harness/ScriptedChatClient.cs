// Part of every throwaway project the code-fix tests build (not compiled into the test project): the MODEL as a test
// double. The pipeline, its logging and the fixed code around it are real.
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Harness;

/// <summary>Answers every request with the scripted response (<see cref="ScriptedAnswer"/>) and the metadata an audit record needs.</summary>
public sealed class ScriptedChatClient : IChatClient
{
    /// <summary>The text of every request, as the model received it.</summary>
    public List<string> Prompts { get; } = [];

    /// <summary>The output-token limit of every request (<c>ChatOptions.MaxOutputTokens</c>; null when none was sent).</summary>
    public List<int?> OutputLimits { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Prompts.Add(string.Join("\n", messages.Select(message => message.Text)));
        OutputLimits.Add(options?.MaxOutputTokens);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, ScriptedAnswer.Text))
        {
            ModelId = ScriptedAnswer.ModelId,
            ResponseId = ScriptedAnswer.ResponseId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = ScriptedAnswer.InputTokens,
                OutputTokenCount = ScriptedAnswer.OutputTokens,
                TotalTokenCount = ScriptedAnswer.InputTokens + ScriptedAnswer.OutputTokens,
            },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
