#nullable enable
using System;

namespace Contoso.Support;

public class TicketSummarizer
{
    public string Summarize(string? ticket)
    {
#pragma warning disable CS0168 // the variable documents the shape of the old API
        int legacyLength;
#pragma warning restore CS0168
        int count;
        return ticket!.Length > 10 ? ticket[..10] : ticket;
    }

    public void Warmup()
    {
        var x = 1;
    }
}
