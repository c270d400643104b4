// Compiled by the browser tests with the real C# compiler (/errorlog:…,version=2.1) to produce the SARIF they upload.
// Every warning here is deliberate: the tests count them by rule and severity.
#nullable enable
using System;

namespace Contoso.Support;

public class ChatService
{
    private int retries = 3;

#warning <img src=x onerror=alert('xss')><script>alert('xss')</script>

    public string Answer(string? question)
    {
        int unused;
        var greeting = "hello";
        string trimmed = question.Trim();
        return trimmed;
    }

    public void Escalate()
    {
        return;
        Console.WriteLine("unreachable");
    }

    [Obsolete("Use Answer instead")]
    public string Ask(string q) => q;

    public string Legacy() => Ask("x");
}
