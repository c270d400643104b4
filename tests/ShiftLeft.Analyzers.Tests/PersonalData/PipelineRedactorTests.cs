namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>
/// Agent middleware and chat-client layers declared redactors ([Redactor] on the layer's type, its request method or the
/// middleware method, or listed in shiftleft.redaction_methods) redact what the agent or client sends and answers; a layer
/// that rewrites the prompt without being declared one is not guessed to be a redactor.
/// </summary>
public class PipelineRedactorTests
{
    // Shaped after the Agent Framework sample Agent_Step12_Middleware: agent middleware passed by name to AIAgentBuilder.Use.
    private static string AgentWithMiddleware(string middlewareAttribute, string prompt, string answerLine) => """
        using System.Text.RegularExpressions;
        using System.Threading;
        using Microsoft.Agents.AI;
        """ + PersonalDataTest.Usings + """
        public sealed class RedactorAttribute : Attribute { }

        public class Assistant
        {
        """ + middlewareAttribute + """

            static async Task<AgentResponse> PiiMiddleware(IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, AIAgent innerAgent, CancellationToken cancellationToken)
            {
                var filtered = messages.Select(m => new ChatMessage(m.Role, Regex.Replace(m.Text, @"\S+@\S+", "[email]"))).ToList();
                var response = await innerAgent.RunAsync(filtered, session, options, cancellationToken);
                response.Messages = response.Messages.Select(m => new ChatMessage(m.Role, Regex.Replace(m.Text, @"\S+@\S+", "[email]"))).ToList();
                return response;
            }

            public async Task AskAsync(IChatClient chatClient, Customer customer)
            {
                AIAgent agent = chatClient.AsAIAgent(instructions: "You answer questions about orders.")
                    .AsBuilder()
                    .Use(PiiMiddleware, null)
                    .Build();
                AgentResponse response = await agent.RunAsync(
        """ + prompt + """
        );
        """ + answerLine + """

            }
        }
        """;

    private const string Prompt = "$\"Write a renewal reminder to {customer.Email}.\"";
    private const string Answer = "Console.WriteLine($\"Answer: {response}\");";

    [Fact]
    public Task Agent_middleware_marked_redactor_redacts_the_prompt() => PersonalDataTest.VerifyModelAsync(
        AgentWithMiddleware("    [Redactor]", Prompt, Answer));

    [Fact]
    public Task Agent_middleware_marked_redactor_redacts_the_answer() => PersonalDataTest.VerifyLogAsync(
        AgentWithMiddleware("    [Redactor]", Prompt, Answer));

    [Fact]
    public Task Agent_middleware_listed_in_redaction_methods_is_a_redactor() => PersonalDataTest.VerifyModelAsync(
        AgentWithMiddleware(string.Empty, Prompt, Answer), editorConfig: "shiftleft.redaction_methods = Assistant.PiiMiddleware");

    [Fact]
    public Task Agent_middleware_not_declared_a_redactor_leaves_the_prompt_reported() => PersonalDataTest.VerifyModelAsync(
        AgentWithMiddleware(string.Empty, "{|SL0004:" + Prompt + "|}", Answer));

    [Fact]
    public Task Agent_middleware_not_declared_a_redactor_leaves_the_answer_reported() => PersonalDataTest.VerifyLogAsync(
        AgentWithMiddleware(string.Empty, Prompt, "Console.WriteLine({|SL0003:$\"Answer: {response}\"|});"));

    // A DelegatingChatClient layer added with ChatClientBuilder.Use.
    private static string ClientWithLayer(string typeAttribute, string methodAttribute, string prompt, string answerLine) => """
        using System.Text.RegularExpressions;
        using System.Threading;
        """ + PersonalDataTest.Usings + """
        public sealed class RedactorAttribute : Attribute { }

        """ + typeAttribute + """

        public sealed class PiiRedactingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
        """ + methodAttribute + """

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                base.GetResponseAsync(messages.Select(m => new ChatMessage(m.Role, Regex.Replace(m.Text, @"\S+@\S+", "[email]"))).ToList(), options, cancellationToken);
        }

        public class Mailer
        {
            public async Task DraftAsync(IChatClient inner, Customer customer)
            {
                var client = inner.AsBuilder().Use(c => new PiiRedactingChatClient(c)).Build();
                var response = await client.GetResponseAsync(
        """ + prompt + """
        );
        """ + answerLine + """

            }
        }
        """;

    private const string ClientAnswer = "Console.WriteLine(response.Text);";

    [Fact]
    public Task Chat_client_layer_type_marked_redactor_redacts_the_prompt() => PersonalDataTest.VerifyModelAsync(
        ClientWithLayer("[Redactor]", string.Empty, Prompt, ClientAnswer));

    [Fact]
    public Task Chat_client_layer_method_marked_redactor_redacts_the_answer() => PersonalDataTest.VerifyLogAsync(
        ClientWithLayer(string.Empty, "    [Redactor]", Prompt, ClientAnswer));

    [Fact]
    public Task Chat_client_layer_listed_in_redaction_methods_is_a_redactor() => PersonalDataTest.VerifyModelAsync(
        ClientWithLayer(string.Empty, string.Empty, Prompt, ClientAnswer), editorConfig: "shiftleft.redaction_methods = PiiRedactingChatClient");

    [Fact]
    public Task Chat_client_layer_not_declared_a_redactor_leaves_the_prompt_reported() => PersonalDataTest.VerifyModelAsync(
        ClientWithLayer(string.Empty, string.Empty, "{|SL0004:" + Prompt + "|}", ClientAnswer));

    [Fact]
    public Task Chat_client_layer_not_declared_a_redactor_leaves_the_answer_reported() => PersonalDataTest.VerifyLogAsync(
        ClientWithLayer(string.Empty, string.Empty, Prompt, "Console.WriteLine({|SL0003:response.Text|});"));

    [Fact]
    public Task A_redactor_on_one_client_does_not_quiet_another_client() => PersonalDataTest.VerifyModelAsync(
        ClientWithLayer("[Redactor]", string.Empty, Prompt, "await inner.GetResponseAsync({|SL0004:" + Prompt + "|});"));

    // A middleware lambda is declared by its own attribute; the method it is written in does not make it one.
    private static string ClientWithLambda(string lambdaAttribute, string methodAttribute, string prompt) => """
        using System.Text.RegularExpressions;
        using System.Threading;
        """ + PersonalDataTest.Usings + """
        public sealed class RedactorAttribute : Attribute { }

        public class Mailer
        {
        """ + methodAttribute + """

            public async Task DraftAsync(IChatClient inner, Customer customer)
            {
                var client = inner.AsBuilder()
                    .Use(
        """ + lambdaAttribute + """
                    async (IEnumerable<ChatMessage> messages, ChatOptions? options, Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task> next, CancellationToken cancellationToken) =>
                        await next(messages.Select(m => new ChatMessage(m.Role, Regex.Replace(m.Text, @"\S+@\S+", "[email]"))).ToList(), options, cancellationToken))
                    .Build();
                await client.GetResponseAsync(
        """ + prompt + """
        );
            }
        }
        """;

    [Fact]
    public Task A_middleware_lambda_marked_redactor_redacts_the_prompt() => PersonalDataTest.VerifyModelAsync(
        ClientWithLambda("[Redactor]", string.Empty, Prompt));

    [Fact]
    public Task A_middleware_lambda_inside_a_method_marked_redactor_is_not_a_redactor() => PersonalDataTest.VerifyModelAsync(
        ClientWithLambda(string.Empty, "    [Redactor]", "{|SL0004:" + Prompt + "|}"));

    // A DelegatingAIAgent layer wrapping the agent.
    private static string AgentWithLayer(string methodAttribute, string prompt) => """
        using System.Text.RegularExpressions;
        using System.Threading;
        using Microsoft.Agents.AI;
        """ + PersonalDataTest.Usings + """
        public sealed class RedactorAttribute : Attribute { }

        public sealed class PiiRedactingAgent(AIAgent inner) : DelegatingAIAgent(inner)
        {
        """ + methodAttribute + """

            protected override Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) =>
                base.RunCoreAsync(messages.Select(m => new ChatMessage(m.Role, Regex.Replace(m.Text, @"\S+@\S+", "[email]"))).ToList(), session, options, cancellationToken);
        }

        public class Assistant
        {
            public async Task AskAsync(IChatClient chatClient, Customer customer)
            {
                AIAgent agent = new PiiRedactingAgent(chatClient.AsAIAgent(instructions: "You answer questions about orders."));
                await agent.RunAsync(
        """ + prompt + """
        );
            }
        }
        """;

    [Fact]
    public Task A_delegating_agent_whose_run_method_is_marked_redactor_redacts_the_prompt() => PersonalDataTest.VerifyModelAsync(
        AgentWithLayer("    [Redactor]", Prompt));

    [Fact]
    public Task A_delegating_agent_not_declared_a_redactor_leaves_the_prompt_reported() => PersonalDataTest.VerifyModelAsync(
        AgentWithLayer(string.Empty, "{|SL0004:" + Prompt + "|}"));
}
