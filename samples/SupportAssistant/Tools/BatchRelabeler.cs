using OpenAI.Chat;

namespace SupportAssistant.Tools;

/// <summary>One-off maintenance tool (SL0001 is switched off for Tools/ in .editorconfig); it still needs a guardrail.</summary>
public static class BatchRelabeler
{
    public static async Task<IReadOnlyList<string>> RelabelAsync(ChatClient chat, IEnumerable<string> labels, CancellationToken cancellationToken = default)
    {
        var results = new List<string>();
        foreach (var label in labels)
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage($"Normalise this label: {label}")], cancellationToken: cancellationToken); // expect: SL0002, SL0010
            results.Add(completion.Content[0].Text);
        }

        return results;
    }
}
