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
}
