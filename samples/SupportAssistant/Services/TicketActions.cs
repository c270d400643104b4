using Microsoft.Extensions.AI;

namespace SupportAssistant.Services;

/// <summary>
/// Ticket tools the assistant's model may call through a function-invoking client. Closing a ticket writes the ticket
/// store and asks the agent first (ApprovalRequiredAIFunction); reopening it was exposed without approval (SL0008).
/// </summary>
public sealed class TicketActions(string storeFolder)
{
    public static IChatClient WithTools(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();

    public string CloseTicket(int id)
    {
        Record(id, "closed");
        return $"ticket {id} closed";
    }

    public string ReopenTicket(int id)
    {
        Record(id, "open");
        return $"ticket {id} reopened";
    }

    public string TicketState(int id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? File.ReadAllText(path) : "unknown";
    }

    public ChatOptions Options() => new()
    {
        Tools =
        [
            new ApprovalRequiredAIFunction(AIFunctionFactory.Create(CloseTicket)),
            AIFunctionFactory.Create(ReopenTicket), // expect: SL0008
            AIFunctionFactory.Create(TicketState),
        ],
    };

    private void Record(int id, string state) => File.WriteAllText(PathOf(id), state);

    private string PathOf(int id) => Path.Combine(storeFolder, $"ticket-{id}.txt");
}
