using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI;
using SupportAssistant.Services;

// The assistant needs an OpenAI key to run; building it is enough to see ShiftLeft's findings (eng/demo.sh).
var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (string.IsNullOrEmpty(apiKey) || args.Length == 0)
{
    Console.WriteLine("usage: OPENAI_API_KEY=... dotnet run -- \"<support ticket text>\"");
    return 0;
}

var openAi = new OpenAIClient(apiKey);
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddConsole());
services.AddSingleton(openAi.GetChatClient("gpt-4o-mini"));
services.AddSingleton(openAi.GetEmbeddingClient("text-embedding-3-small"));
// Every injected IChatClient goes through logging and telemetry (this is what satisfies SL0001 in AnswerService).
services.AddChatClient(openAi.GetChatClient("gpt-4o-mini").AsIChatClient()).UseLogging()
    .UseOpenTelemetry(configure: telemetry => telemetry.EnableSensitiveData = true); // expect: SL0011
services.AddSingleton(provider => provider.GetRequiredService<IChatClient>().AsChatCompletionService(provider));
services.AddKernel();
services.AddTransient<TicketSummarizer>().AddTransient<AnswerService>().AddTransient<KnowledgeBase>()
    .AddTransient<TriageService>().AddTransient<FaqWriter>().AddTransient<ReplyDrafter>().AddTransient<HealthProbe>();

await using var provider = services.BuildServiceProvider();
var ticket = string.Join(' ', args);
Console.WriteLine($"Category: {await provider.GetRequiredService<TriageService>().ClassifyAsync(ticket)}");
Console.WriteLine($"Summary:  {await provider.GetRequiredService<TicketSummarizer>().SummarizeAsync(ticket)}");
Console.WriteLine($"Reply:    {await provider.GetRequiredService<ReplyDrafter>().DraftAsync(ticket)}");
return 0;
