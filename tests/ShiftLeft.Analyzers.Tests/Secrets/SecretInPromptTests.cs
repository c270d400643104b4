using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Secrets;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Secrets.SecretInPromptAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Secrets;

/// <summary>
/// SL0009 on the real packages: a credential that reaches a model call's prompt or messages — a literal of a
/// credential's shape, a configuration, environment, Key Vault or bound-options read under a secret's name — is
/// reported on the call, its message naming where the secret came from and never the secret itself. The key the
/// client is constructed with, placeholders and keys that only look like secret names are not.
/// </summary>
public sealed class SecretInPromptTests
{
    // The test sources get their credential-shaped literals from these parts, so this file holds no whole key a
    // scanner would flag; each is synthetic (random characters in the provider's format), never a real credential.
    private static readonly string OpenAiKey = "sk-" + "proj-" + "Q7vX2mK9pL4nR8sT1wY6zB3cD5fG0hJ" + "aE2uI9oP4qW7eR1tY";
    private static readonly string AnthropicKey = "sk-" + "ant-api03-" + "Zr8Kq2Lm5Nx7Pb1Vc4Hd9Jf3Gt6Ws0Ya" + "Qe2Ru5Io8Pl1Kj4Hg7Fd";
    private static readonly string AwsKeyId = "AKIA" + "Q3ZL7RX2MB5KT9WD";
    private static readonly string GitHubToken = "ghp_" + "k8Z2mQ7xL4vN9pR3tW6yB1cD5fH0jS" + "aE7uI2";
    private static readonly string SlackToken = "xoxb-" + "123456789012-" + "2345678901234-" + "Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7";
    private static readonly string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9" + "." + "Xq3Vb8Nm2Kp5Lr7Tz1Wc4Yd6Fh9Gj0Sa";
    private static readonly string PrivateKey = "-----BEGIN " + "RSA PRIVATE KEY-----\\n" + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun" + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\\n-----END RSA PRIVATE KEY-----";
    private static readonly string ConnectionString = "Server=db.internal;Database=shop;User Id=app;" + "Password=" + "Tr0ub4dor&3x;";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;

        """;

    private const string Advice = " to the model: a secret in a prompt can be repeated to users and is copied into the provider's logs; keep it out of prompts, messages and instructions (authenticate the client with it instead)";

    public static TheoryData<string, string> Literals() => new()
    {
        { OpenAiKey, "an OpenAI-style API key literal" },
        { AnthropicKey, "an Anthropic API key literal" },
        { AwsKeyId, "an AWS access key ID literal" },
        { GitHubToken, "a GitHub token literal" },
        { SlackToken, "a Slack token literal" },
        { Jwt, "a JSON Web Token literal" },
        { PrivateKey, "a private key literal" },
        { ConnectionString, "a connection string literal with a password" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task A_credential_literal_in_a_prompt_is_reported_by_its_kind_and_the_message_never_quotes_it(string literal, string kind)
    {
        var source = Usings + $$"""
            class Assistant(IChatClient client)
            {
                Task<ChatResponse> Ask(string question) =>
                    client.{|#0:GetResponseAsync($"Use the credential {{literal}} when you answer: {question}")|};
            }
            """;

        // The whole message is matched: the kind of credential, not a character of its value (SARIF and the portal show messages).
        await Verify.VerifyAsync(source, expected: Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends " + kind + Advice));
    }

    [Fact]
    public async Task Literals_reach_the_prompt_through_locals_constants_messages_and_every_sdk()
    {
        var source = Usings + $$"""
            using Anthropic;
            using Anthropic.Models.Messages;
            using Microsoft.Agents.AI;
            using Microsoft.SemanticKernel;
            using OpenAI.Chat;

            class Calls
            {
                private const string Key = "{{OpenAiKey}}";

                async Task OpenAi(ChatClient chat)
                {
                    var messages = new List<OpenAI.Chat.ChatMessage> { new SystemChatMessage("You may call the API with " + Key) };
                    await chat.{|#0:CompleteChatAsync(messages)|};
                }

                Task<FunctionResult> Kernel(Kernel kernel) => kernel.{|#1:InvokePromptAsync("Token: {{GitHubToken}}. Summarise the repository.")|};

                Task<AgentResponse> Agent(AIAgent agent)
                {
                    var prompt = $"Deploy with {{AwsKeyId}}";
                    return agent.{|#2:RunAsync(prompt)|};
                }

                Task<Message> Claude(AnthropicClient client) => client.Messages.{|#3:Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 512,
                    Messages = [new UserMessageParam { Content = "Connect with {{ConnectionString}}" }],
                })|};
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClient.CompleteChatAsync' sends an OpenAI-style API key literal" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'KernelExtensions.InvokePromptAsync' sends a GitHub token literal" + Advice));
        test.ExpectedDiagnostics.Add(Expected(2, "Model call 'AIAgent.RunAsync' sends an AWS access key ID literal" + Advice));
        test.ExpectedDiagnostics.Add(Expected(3, "Model call 'IMessageService.Create' sends a connection string literal with a password" + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task Placeholders_bare_prefixes_and_pem_headers_are_not_credentials()
    {
        const string source = Usings + """
            class Assistant(IChatClient client)
            {
                Task<ChatResponse> Ask() => client.GetResponseAsync(
                    "Examples: sk-..., sk-your-key-here, sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX, "
                    + "sk-1234567890abcdefABCDEF1234567890abcdef, YOUR_API_KEY, <your-key>, AKIAIOSFODNN7EXAMPLE, ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, "
                    + "xoxb-your-token, -----BEGIN PRIVATE KEY----- is how a PEM starts, eyJhbGciOiJIUzI1NiJ9 alone, Password=;Server=x, "
                    + "Server=db;Password={0};, Server=db;Pwd=<password>;, Server=db;Password=******;, the task-manager-for-our-team-and-everybody, "
                    + "5f4dcc3b5aa765d61d8327deb882cf99 (a bare hash)");
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Configuration_and_environment_reads_under_a_secret_name_are_reported_with_their_key()
    {
        const string source = Usings + """
            class Assistant(IChatClient client, IConfiguration config)
            {
                Task<ChatResponse> Indexer() => client.{|#0:GetResponseAsync("Key: " + config["OpenAI:ApiKey"])|};

                Task<ChatResponse> GetValue() => client.{|#1:GetResponseAsync($"Use {config.GetValue<string>("AzureAd:ClientSecret")}")|};

                Task<ChatResponse> Section()
                {
                    var section = config.GetSection("Search");
                    return client.{|#2:GetResponseAsync($"Query with {section["AdminKey"]} and {section["SubscriptionKey"]}")|};
                }

                Task<ChatResponse> SectionValue() => client.{|#3:GetResponseAsync(config.GetSection("Database:Password").Value!)|};

                Task<ChatResponse> ConnectionString() => client.{|#4:GetResponseAsync("Connect: " + config.GetConnectionString("Orders"))|};

                Task<ChatResponse> Environment1() => client.{|#5:GetResponseAsync("Token " + Environment.GetEnvironmentVariable("GITHUB_TOKEN"))|};

                Task<ChatResponse> Environment2() => client.{|#6:GetResponseAsync([new ChatMessage(ChatRole.System, "Key " + Environment.GetEnvironmentVariable("OPENAI_API_KEY"))])|};

                Task<ChatResponse> DoubleUnderscore() => client.{|#7:GetResponseAsync(config["Stripe__SecretKey"]!)|};
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'OpenAI:ApiKey'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'AzureAd:ClientSecret'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(2, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'Search:SubscriptionKey'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(3, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'Database:Password'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(4, "Model call 'ChatClientExtensions.GetResponseAsync' sends the connection string 'Orders'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(5, "Model call 'ChatClientExtensions.GetResponseAsync' sends the environment variable 'GITHUB_TOKEN'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(6, "Model call 'IChatClient.GetResponseAsync' sends the environment variable 'OPENAI_API_KEY'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(7, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'Stripe__SecretKey'" + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_secret_a_caller_passes_into_a_helpers_prompt_is_reported_at_the_helpers_call_and_a_constant_is_not()
    {
        const string source = Usings + """
            class Assistant(IChatClient client, IConfiguration config)
            {
                Task<ChatResponse> Ask(string context) => client.{|#0:GetResponseAsync($"Use this context: {context}")|};

                Task<ChatResponse> Leaky() => Ask("Key " + config["OpenAI:ApiKey"]);

                Task<ChatResponse> Fine() => Ask("the weather");
            }

            class Summariser(IChatClient client)
            {
                Task<ChatResponse> Summarise(string text) => client.GetResponseAsync($"Summarise: {text}");

                Task<ChatResponse> Run() => Summarise("constant text");
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'OpenAI:ApiKey', passed by a call of 'Ask'," + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task Keys_that_only_look_like_secret_names_and_ordinary_settings_are_not_reported()
    {
        const string source = Usings + """
            class Assistant(IChatClient client, IConfiguration config)
            {
                Task<ChatResponse> Ask() => client.GetResponseAsync(
                    $"Model {config["OpenAI:Model"]}, partition {config["Cosmos:PartitionKey"]}, sort {config["Table:SortKey"]}, "
                    + $"cache {config["Redis:CacheKey"]}, max {config["OpenAI:MaxTokens"]}, {config["OpenAI:MaxToken"]}, "
                    + $"endpoint {config["Auth:TokenEndpoint"]}, header {config["ApiKey:HeaderName"]}, secrets {config.GetSection("Secrets").Key}, "
                    + $"home {Environment.GetEnvironmentVariable("HOME")}, name {config.GetValue<string>("KeyVault:SecretName")}");
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task The_key_a_client_is_constructed_with_is_not_a_prompt()
    {
        const string source = Usings + """
            using System.ClientModel;
            using Anthropic;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using OpenAI;

            public sealed class Settings
            {
                public string ApiKey { get; set; } = "";
            }

            class Startup(IConfiguration config)
            {
                private readonly string _apiKey = config["OpenAI:ApiKey"]!;

                async Task<string> Ask(string question)
                {
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? config.GetValue<string>("OpenAI:ApiKey")!;
                    IChatClient client = new OpenAIClient(new ApiKeyCredential(key)).GetChatClient("gpt-4o-mini").AsIChatClient();
                    IChatClient other = new OpenAIClient(_apiKey).GetChatClient("gpt-4o-mini").AsIChatClient();
                    var claude = new AnthropicClient { ApiKey = config["Anthropic:ApiKey"] };
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddChatClient(new OpenAIClient(config.GetSection("OpenAI").Get<Settings>()!.ApiKey).GetChatClient("gpt-4o-mini").AsIChatClient());
                    var kernel = builder.Build();
                    await kernel.InvokePromptAsync("Say hello");
                    var function = kernel.CreateFunctionFromPrompt("Summarise: {{$input}}");
                    await kernel.InvokeAsync(function, new() { ["input"] = question });
                    await function.InvokeAsync(kernel);
                    await other.GetResponseAsync("Hello");
                    return (await client.GetResponseAsync(question)).Text;
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_secret_stored_in_a_field_or_returned_by_a_helper_is_followed_to_the_prompt()
    {
        const string source = Usings + """
            class Assistant
            {
                private readonly IChatClient _client;
                private readonly string _token;

                public Assistant(IChatClient client, IConfiguration config)
                {
                    _client = client;
                    _token = config["GitHub:Token"]!;
                }

                private static string Password() => Environment.GetEnvironmentVariable("DB_PASSWORD") ?? "";

                Task<ChatResponse> Field(string question) => _client.{|#0:GetResponseAsync($"Call GitHub with {_token}. {question}")|};

                Task<ChatResponse> Helper() => _client.{|#1:GetResponseAsync("Password: " + Password())|};
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'GitHub:Token'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'ChatClientExtensions.GetResponseAsync' sends the environment variable 'DB_PASSWORD'" + Advice));
        await test.RunAsync();
    }

    // The trigger (SecretSourceText) is per compilation, not per file: here the file with the calls names no secret at
    // all, and the secrets reach it through a field of a partial class and a helper declared in the other file.
    [Fact]
    public async Task A_secret_read_in_one_file_reaches_a_prompt_built_in_another()
    {
        const string calls = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            partial class Assistant(IChatClient client)
            {
                Task<ChatResponse> Field(string question) => client.{|#0:GetResponseAsync($"Authenticate with {_credential}. {question}")|};

                Task<ChatResponse> Helper() => client.{|#1:GetResponseAsync("Use " + Credentials.Current())|};
            }
            """;
        const string reads = """
            using System;
            using Microsoft.Extensions.Configuration;

            partial class Assistant
            {
                private string _credential = "";

                public void Configure(IConfiguration config) => _credential = config["OpenAI:ApiKey"]!;
            }

            static class Credentials
            {
                public static string Current() => Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY") ?? "";
            }
            """;
        Assert.False(SecretSourceText.AnyIn(CSharpCompilation.Create("CallsOnly", [CSharpSyntaxTree.ParseText(calls.Replace("{|#0:", "").Replace("{|#1:", "").Replace("|}", ""))])));
        var test = Verify.Create(calls);
        test.TestState.Sources.Add(("Reads.cs", reads));
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'OpenAI:ApiKey'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'ChatClientExtensions.GetResponseAsync' sends the environment variable 'STRIPE_SECRET_KEY'" + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_property_named_for_a_secret_on_options_bound_from_configuration_is_a_secret()
    {
        const string source = Usings + """
            using Microsoft.Extensions.Options;

            public sealed class OpenAISettings
            {
                public string ApiKey { get; set; } = "";
                public string Model { get; set; } = "";
            }

            class Assistant(IChatClient client, IOptions<OpenAISettings> options, IConfiguration config)
            {
                private readonly OpenAISettings _settings = options.Value;

                Task<ChatResponse> Direct() => client.{|#0:GetResponseAsync("Key " + options.Value.ApiKey)|};

                Task<ChatResponse> Field() => client.{|#1:GetResponseAsync($"Key {_settings.ApiKey}")|};

                Task<ChatResponse> Bound() => client.{|#2:GetResponseAsync($"Key {config.GetSection("OpenAI").Get<OpenAISettings>()!.ApiKey}")|};

                Task<ChatResponse> NotASecret() => client.GetResponseAsync($"You are {_settings.Model}");
            }
            """;
        var test = Verify.Create(source);
        const string message = "Model call 'ChatClientExtensions.GetResponseAsync' sends the options property 'OpenAISettings.ApiKey' (bound from configuration)" + Advice;
        test.ExpectedDiagnostics.Add(Expected(0, message));
        test.ExpectedDiagnostics.Add(Expected(1, message));
        test.ExpectedDiagnostics.Add(Expected(2, message));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_Key_Vault_secret_is_a_secret_whatever_its_name()
    {
        const string source = Usings + """
            using Azure.Security.KeyVault.Secrets;

            class Assistant(IChatClient client, SecretClient vault)
            {
                async Task<ChatResponse> Ask()
                {
                    var secret = await vault.GetSecretAsync("partner-integration");
                    return await client.{|#0:GetResponseAsync("Use " + secret.Value.Value)|};
                }

                Task<ChatResponse> Sync() => client.{|#1:GetResponseAsync(vault.GetSecret("search").Value.Value)|};
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sends the Key Vault secret 'partner-integration'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'ChatClientExtensions.GetResponseAsync' sends the Key Vault secret 'search'" + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task Instructions_an_agent_was_made_with_and_the_options_instructions_of_a_call_are_prompt_text()
    {
        const string source = Usings + """
            using Microsoft.Agents.AI;
            using OpenAI;

            class Agents
            {
                private readonly AIAgent _support;

                public Agents(IChatClient client) =>
                    _support = client.AsAIAgent(instructions: "You file issues with the token " + Environment.GetEnvironmentVariable("GITHUB_TOKEN"));

                Task<AgentResponse> Field() => _support.{|#0:RunAsync("File a bug about the login page.")|};

                Task<AgentResponse> Local(IChatClient client, IConfiguration config)
                {
                    var agent = new ChatClientAgent(client, instructions: $"Search with the key {config["Search:ApiKey"]}.");
                    return agent.{|#1:RunAsync("Find the refund policy.")|};
                }

                Task<AgentResponse> Options(IChatClient client, IConfiguration config) =>
                    new ChatClientAgent(client, new ChatClientAgentOptions { ChatOptions = new() { Instructions = config["Db:Password"] } }).{|#2:RunAsync("Hi")|};

                Task<ChatResponse> Call(IChatClient client, IConfiguration config) =>
                    client.{|#3:GetResponseAsync("Hi", new ChatOptions { Instructions = "Sign with " + config["Signing:SigningKey"] })|};

                Task<Anthropic.Models.Messages.Message> ClaudeSystem(Anthropic.AnthropicClient claude, IConfiguration config) =>
                    claude.Messages.{|#4:Create(new Anthropic.Models.Messages.MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 512,
                        System = "Reply as the support desk. Admin password: " + config["Desk:AdminPassword"],
                        Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = "Hi" }],
                    })|};

                Task<AgentResponse> KeyOnlyInTheClient(IConfiguration config)
                {
                    var key = config["OpenAI:ApiKey"]!;
                    var agent = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsAIAgent(instructions: "You help.", name: "Helper");
                    return agent.RunAsync("Hello");
                }
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(Expected(0, "Model call 'AIAgent.RunAsync' sends the environment variable 'GITHUB_TOKEN'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(1, "Model call 'AIAgent.RunAsync' sends the configuration key 'Search:ApiKey'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(2, "Model call 'AIAgent.RunAsync' sends the configuration key 'Db:Password'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(3, "Model call 'ChatClientExtensions.GetResponseAsync' sends the configuration key 'Signing:SigningKey'" + Advice));
        test.ExpectedDiagnostics.Add(Expected(4, "Model call 'IMessageService.Create' sends the configuration key 'Desk:AdminPassword'" + Advice));
        await test.RunAsync();
    }

    [Fact]
    public async Task Nothing_is_registered_without_an_AI_sdk()
    {
        var source = $$"""
            using System;

            class Program
            {
                static void Main() => Console.WriteLine("{{OpenAiKey}}" + Environment.GetEnvironmentVariable("GITHUB_TOKEN"));
            }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
        var analyzer = new ShiftLeft.Analyzers.Secrets.SecretInPromptAnalyzer();
        Assert.Equal(0, await AnalyzerTelemetry.RegisteredActionCountAsync(analyzer, source, ShiftLeftReferences.LoggingOnly));
        Assert.True(await AnalyzerTelemetry.RegisteredActionCountAsync(analyzer, source, ShiftLeftReferences.AllSdks) > 0);
    }

    private static DiagnosticResult Expected(int location, string message) =>
        new DiagnosticResult("SL0009", DiagnosticSeverity.Warning).WithLocation(location).WithMessage(message);
}
