using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0002>;
using static ShiftLeft.Analyzers.Tests.ModelCalls.UntrustedPromptTests;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// SL0002 and tools the model invokes automatically, against the real SDKs: a call is followed to the tools it exposes
/// (Semantic Kernel plugins imported into its kernel, Microsoft.Extensions.AI ChatOptions.Tools, Agent Framework
/// <c>tools:</c>) and reported when a tool's result carries outside data (named with the tool) or the tools cannot be
/// traced; stub tools that return constants, their own arguments, the clock and formatting are not outside data.
/// </summary>
public sealed class ToolResultTests
{
    private const string Agent = Declare + ", or agent middleware (AsBuilder().Use(...)) or a chat-client layer that can block or rewrite the request";

    private const string StubPlugins = """
        public sealed class WeatherPlugin
        {
            [KernelFunction, Description("Gets the current weather in a given location.")]
            public string GetWeather(string location) => $"12°C\nWind: 11 KMPH\nHumidity: 48%\nMostly cloudy\nLocation: {location}";
        }

        public sealed class HolidayRequest { public string StartDate { get; set; } = ""; public string EndDate { get; set; } = ""; }

        public sealed class HolidayPlugin
        {
            public bool IsBooked { get; private set; }

            [KernelFunction]
            public string BookHoliday(HolidayRequest request)
            {
                IsBooked = true;
                return $"Holiday booked, starting {request.StartDate} and ending {request.EndDate}";
            }

            [KernelFunction]
            public List<string> GetDestinations() => ["Lisbon", "Oslo", "Kyoto"];
        }
        """;

    [Fact]
    public async Task Kernel_plugins_that_return_constants_their_arguments_and_the_clock_are_not_outside_data()
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            """ + StubPlugins + """
            class Demo
            {
                private static Kernel CreateKernelWithPlugin<T>()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Plugins.AddFromType<T>();
                    return builder.Build();
                }

                async Task Run()
                {
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    var kernel = CreateKernelWithPlugin<WeatherPlugin>();
                    await kernel.InvokePromptAsync("What is the weather like in Paris?", new(settings));

                    var holidays = Kernel.CreateBuilder().Build();
                    holidays.ImportPluginFromObject(new HolidayPlugin());
                    holidays.ImportPluginFromFunctions("Helpers",
                    [
                        holidays.CreateFunctionFromMethod(() => DateTime.UtcNow.ToString("R"), "GetCurrentUtcTime"),
                        holidays.CreateFunctionFromMethod((string city) => city switch { "Boston" => "61 and rainy", _ => "31 and snowing" }, "GetWeatherForCity"),
                    ]);
                    var service = holidays.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory();
                    history.AddUserMessage("Book me a holiday in June.");
                    await service.GetChatMessageContentAsync(history, settings, holidays);

                    var collection = Kernel.CreateBuilder().Build();
                    collection.Plugins.Add(KernelPluginFactory.CreateFromType<WeatherPlugin>());
                    var weather = collection.CreateFunctionFromPrompt("What is the weather like in Oslo?", settings);
                    await collection.InvokeAsync(weather);
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Kernel_plugins_that_read_the_network_a_database_or_unseen_services_are_named()
    {
        var source = """
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.SemanticKernel;
            public interface IForecasts { Task<string> ForecastAsync(string city); }
            public sealed class Product { public int Id { get; set; } public string Description { get; set; } = ""; }
            public sealed class Shop : DbContext { public DbSet<Product> Products { get; set; } = null!; }
            public sealed class NewsPlugin(HttpClient http)
            {
                [KernelFunction] public async Task<string> GetHeadlines(string topic) => await http.GetStringAsync("https://news.example/?q=" + topic);
            }
            public sealed class CatalogPlugin(Shop shop)
            {
                [KernelFunction("SearchCatalog")] public string Search(int id) => shop.Products.First(p => p.Id == id).Description;
            }
            public sealed class ForecastPlugin(IForecasts forecasts)
            {
                [KernelFunction] public Task<string> Forecast(string city) => forecasts.ForecastAsync(city);
            }
            class Demo
            {
                async Task Run(HttpClient http, Shop shop, IForecasts forecasts, Kernel injected)
                {
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    var news = Kernel.CreateBuilder().Build();
                    news.ImportPluginFromObject(new NewsPlugin(http));
                    await news.{|#0:InvokePromptAsync("What happened today?", new(settings))|};

                    var catalog = Kernel.CreateBuilder().Build();
                    catalog.ImportPluginFromObject(new CatalogPlugin(shop));
                    await catalog.{|#1:InvokePromptAsync("Describe product 7.", new(settings))|};

                    var builder = Kernel.CreateBuilder();
                    builder.Plugins.AddFromObject(new ForecastPlugin(forecasts));
                    var forecast = builder.Build();
                    await forecast.{|#2:InvokePromptAsync("Will it rain in Oslo?", new(settings))|};

                    await injected.{|#3:InvokePromptAsync("Will it rain in Oslo?", new(settings))|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Sends(0, "KernelExtensions.InvokePromptAsync", "the results of tool 'GetHeadlines', which returns content downloaded with HttpClient", Kernel),
            Sends(1, "KernelExtensions.InvokePromptAsync", "the results of tool 'SearchCatalog', which returns the database table 'Products'", Kernel),
            Sends(2, "KernelExtensions.InvokePromptAsync", "the results of tool 'Forecast', which returns the result of 'IForecasts.ForecastAsync'", Kernel),
            Sends(3, "KernelExtensions.InvokePromptAsync", "the results of tools the model calls, which could not be traced (the kernel is the parameter 'injected')", Kernel),
        ]);
    }

    [Theory]
    [InlineData("AddFromType<WeatherPlugin>()", false)]
    [InlineData("AddFromType<NewsPlugin>()", true)]
    public async Task An_injected_kernel_has_the_plugins_the_compilation_registers_in_the_container(string registration, bool reported)
    {
        var call = reported ? "{|#0:InvokePromptAsync(\"What happened in Paris?\", new(Settings))|}" : "InvokePromptAsync(\"What happened in Paris?\", new(Settings))";
        var source = """
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            """ + StubPlugins + """
            public sealed class NewsPlugin(HttpClient http)
            {
                [KernelFunction] public Task<string> GetHeadlines(string topic) => http.GetStringAsync("https://news.example/?q=" + topic);
            }
            static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddKernel().Plugins.
            """ + registration + """
            ;
                    services.AddSingleton(KernelPluginFactory.CreateFromType<HolidayPlugin>());
                }
            }
            public sealed class Concierge(Kernel kernel)
            {
                private static readonly PromptExecutionSettings Settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

                public async Task<string> Ask() => (await kernel.
            """ + call + """
            ).ToString();
            }
            """;
        await Verify.VerifyAsync(source, expected: reported
            ? [Sends(0, "KernelExtensions.InvokePromptAsync", "the results of tool 'GetHeadlines', which returns content downloaded with HttpClient", Kernel)]
            : []);
    }

    [Fact]
    public async Task An_injected_kernel_the_compilation_does_not_register_cannot_be_traced()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            public sealed class Concierge(Kernel kernel)
            {
                public async Task<string> Ask() =>
                    (await kernel.{|#0:InvokePromptAsync("Weather in Paris?", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }))|}).ToString();
            }
            """;
        await Verify.VerifyAsync(source, expected:
            Sends(0, "KernelExtensions.InvokePromptAsync", "the results of tools the model calls, which could not be traced (the kernel is injected ('kernel'), and this compilation does not register it)", Kernel));
    }

    [Fact]
    public async Task A_filter_context_kernel_has_the_plugins_registered_where_the_filter_is_added()
    {
        // The shape of Concepts' AzureOpenAI_DeploymentSwitch: an auto-function-invocation filter calls the model again
        // with the kernel its context carries.
        var source = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            """ + StubPlugins + """
            public sealed class SwitchingFilter : IAutoFunctionInvocationFilter
            {
                public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
                {
                    var service = context.Kernel.GetRequiredService<IChatCompletionService>();
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    await service.GetChatMessageContentAsync(new ChatHistory("Say which tools you called."), settings, context.Kernel);
                }
            }
            public sealed class UnusedFilter : IAutoFunctionInvocationFilter
            {
                public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
                {
                    var service = context.Kernel.GetRequiredService<IChatCompletionService>();
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    await service.{|#0:GetChatMessageContentAsync(new ChatHistory("Say which tools you called."), settings, context.Kernel)|};
                }
            }
            class Demo
            {
                async Task Run()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(new SwitchingFilter());
                    var kernel = builder.Build();
                    kernel.ImportPluginFromType<WeatherPlugin>();
                    kernel.ImportPluginFromFunctions("Helpers", [kernel.CreateFunctionFromMethod(() => "Brown", "GetEyeColor")]);
                    await kernel.InvokePromptAsync("What is my eye color?", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "Model call 'ChatCompletionServiceExtensions.GetChatMessageContentAsync' sends the results of tools the model calls, which could not be traced (the kernel is read from the context of the filter 'UnusedFilter', which nothing in this compilation adds) to the model without a guardrail: "
            + Declare + " (kernel filters do not run for a chat service called directly)"));
    }

    [Fact]
    public async Task Chat_options_tools_are_followed_to_their_methods_lambdas_and_MCP_servers()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.VectorData;
            using ModelContextProtocol.Client;
            public sealed class Doc { [VectorStoreKey] public string Id { get; set; } = ""; [VectorStoreData] public string Text { get; set; } = ""; }
            class Assistant(IChatClient client, VectorStoreCollection<string, Doc> docs)
            {
                private static string GetWeather(string city) => $"It is sunny in {city}.";

                private async Task<string> SearchCatalog(string query)
                {
                    var found = "";
                    await foreach (var hit in docs.SearchAsync(query, top: 3))
                    {
                        found += hit.Record.Text + "\n";
                    }

                    return found;
                }

                async Task Run(McpClient mcp, IList<AITool> given)
                {
                    var stubs = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather), AIFunctionFactory.Create(() => System.DateTime.UtcNow.ToString("R"), "Now")] };
                    await client.GetResponseAsync("What should I wear in Oslo?", stubs);

                    var search = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather), AIFunctionFactory.Create(SearchCatalog)] };
                    await client.{|#0:GetResponseAsync("Find me a tent.", search)|};

                    var remote = new ChatOptions { Tools = [.. await mcp.ListToolsAsync()] };
                    await client.{|#1:GetResponseAsync("Find me a tent.", remote)|};

                    await client.{|#2:GetResponseAsync("Find me a tent.", new ChatOptions { Tools = given })|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the results of tool 'SearchCatalog', which returns documents retrieved from a vector store", ExtensionsAi),
            Sends(1, "ChatClientExtensions.GetResponseAsync", "the results of the MCP server's tools (an MCP tool result)", ExtensionsAi),
            Sends(2, "ChatClientExtensions.GetResponseAsync", "the results of tools the model calls, which could not be traced (the tools are the parameter 'given')", ExtensionsAi),
        ]);
    }

    [Fact]
    public async Task The_message_names_the_tool_with_the_most_specific_source()
    {
        // eShop's ChatState shape: four tools; the user's claims are a parameter, the cart an unseen service, the
        // catalogue search the network — the one named.
        var source = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Security.Claims;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public interface IBasketState { Task<string> GetBasketAsync(); }
            public class ChatState
            {
                private readonly IChatClient _chatClient;
                private readonly ChatOptions _chatOptions;
                private readonly ClaimsPrincipal _user;
                private readonly IBasketState _basket;
                private readonly HttpClient _catalog;

                public ChatState(IChatClient chatClient, ClaimsPrincipal user, IBasketState basket, HttpClient catalog)
                {
                    _chatClient = chatClient;
                    _user = user;
                    _basket = basket;
                    _catalog = catalog;
                    _chatOptions = new() { Tools = [AIFunctionFactory.Create(GetUserInfo), AIFunctionFactory.Create(GetCartContents), AIFunctionFactory.Create(SearchCatalog)] };
                }

                public IList<ChatMessage> Messages { get; } = [new ChatMessage(ChatRole.System, "You are an AI customer service agent.")];

                public async Task AddUserMessageAsync(string userText)
                {
                    Messages.Add(new ChatMessage(ChatRole.User, userText));
                    var response = await _chatClient.{|#0:GetResponseAsync(Messages, _chatOptions)|};
                    Messages.AddMessages(response);
                }

                private string GetUserInfo() => _user.FindFirst("name")?.Value ?? "";

                private Task<string> GetCartContents() => _basket.GetBasketAsync();

                private async Task<string> SearchCatalog(string productDescription) => await _catalog.GetStringAsync("/api/catalog/items/withsemanticrelevance?text=" + productDescription);
            }
            """;
        await Verify.VerifyAsync(source, expected:
            Sends(0, "IChatClient.GetResponseAsync", "the results of tool 'SearchCatalog', which returns content downloaded with HttpClient", ExtensionsAi));
    }

    [Fact]
    public async Task Agent_tools_are_followed_to_their_methods_wrapped_functions_plugin_classes_and_agents_used_as_tools()
    {
        // The shapes of the Agent Framework samples 02_add_tools, Agent_Step01 (approvals), Agent_Step09 (an agent as a
        // function tool) and Agent_Step12 (a plugin class whose AsAITools() yields its methods).
        var source = """
            #pragma warning disable MEAI001
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            public sealed class WeatherProvider { public string GetWeather(string location) => $"The weather in {location} is cloudy with a high of 15°C."; }
            public sealed class AgentPlugin(WeatherProvider weather)
            {
                public string GetWeather(string location) => weather.GetWeather(location);

                public IEnumerable<AITool> AsAITools()
                {
                    yield return AIFunctionFactory.Create(this.GetWeather);
                }
            }
            class Agents(IChatClient chatClient, HttpClient http)
            {
                private static string GetWeather(string city) => $"It is sunny in {city}.";

                private async Task<string> GetNews(string topic) => await http.GetStringAsync("https://news.example/?q=" + topic);

                async Task Run()
                {
                    AIAgent travel = chatClient.AsAIAgent(instructions: "You help travellers.", tools: [AIFunctionFactory.Create(GetWeather)]);
                    await travel.RunAsync("What should I pack for Oslo?");
                    AIAgent plugins = chatClient.AsAIAgent(instructions: "You help travellers.", tools: [.. new AgentPlugin(new WeatherProvider()).AsAITools()]);
                    await plugins.RunAsync("What should I pack for Oslo?");

                    AIAgent news = chatClient.AsAIAgent(instructions: "You summarise the news.", tools: [AIFunctionFactory.Create(GetNews)]);
                    await news.{|#0:RunAsync("What happened today?")|};
                    AIAgent approved = chatClient.AsAIAgent(instructions: "You summarise the news.", tools: [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(GetNews))]);
                    await approved.{|#1:RunAsync("What happened today?")|};
                    AIAgent french = chatClient.AsAIAgent(instructions: "You answer in French.", tools: [news.AsAIFunction()]);
                    await french.{|#2:RunAsync("Quoi de neuf ?")|};
                }
            }
            """;
        const string News = "the results of tool 'GetNews', which returns content downloaded with HttpClient";
        await Verify.VerifyAsync(source, expected: [Sends(0, "AIAgent.RunAsync", News, Agent), Sends(1, "AIAgent.RunAsync", News, Agent), Sends(2, "AIAgent.RunAsync", News, Agent)]);
    }

    [Fact]
    public async Task Guardrail_scope_all_still_reports_calls_whose_tools_are_stubs()
    {
        var source = """
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            """ + StubPlugins + """
            class Demo
            {
                private static string GetWeather(string city) => $"It is sunny in {city}.";

                async Task Run(IChatClient client)
                {
                    await client.{|#0:GetResponseAsync("What should I wear in Oslo?", new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather)] })|};
                    var kernel = Kernel.CreateBuilder().Build();
                    kernel.ImportPluginFromType<WeatherPlugin>();
                    await kernel.{|#1:InvokePromptAsync("What is the weather like in Paris?", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }))|};
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.guardrail_scope = all", expected:
        [
            new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("Model call 'ChatClientExtensions.GetResponseAsync' has no guardrail (shiftleft.guardrail_scope = all): " + ExtensionsAi),
            new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("Model call 'KernelExtensions.InvokePromptAsync' has no guardrail (shiftleft.guardrail_scope = all): " + Kernel),
        ]);
    }
}
