using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssistant.Compliance;
using SupportAssistant.Safety;

namespace SupportAssistant.Services;

/// <summary>The compliant path: a logging pipeline built here, the prompt guarded, the answer verified and audited.</summary>
public sealed class ReplyDrafter
{
    private readonly IChatClient _client;

    public ReplyDrafter(IChatClient inner, ILoggerFactory loggers)
    {
        _client = inner.AsBuilder().UseLogging(loggers).Build();
    }

    public async Task<string> DraftAsync(string ticketText, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetResponseAsync(PromptGuard.Check(ticketText), cancellationToken: cancellationToken); // expect: SL0010
        OutputGuard.Verify(response.Text);
        AuditTrail.Record("reply-drafted", response.Text.Length);
        return response.Text;
    }
}
