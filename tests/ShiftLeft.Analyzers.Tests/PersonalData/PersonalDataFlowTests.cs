namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>Every propagation step of the flow: personal data stays personal through these, and nothing else.</summary>
public class PersonalDataFlowTests
{
    private static string InModelMethod(string body, string extraMembers = "", string extraTypes = "") => PersonalDataTest.Usings + extraTypes + $$"""

        public class Assistant(
            ILogger<Assistant> logger,
            IChatClient chat,
            OpenAI.Chat.ChatClient openAi,
            Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService chatService,
            Microsoft.SemanticKernel.Kernel kernel,
            IEmbeddingGenerator<string, Embedding<float>> embeddings)
        {
            public async Task RunAsync(Customer customer, string question, bool flag)
            {
        {{body}}
            }
        {{extraMembers}}
        }
        """;

    [Fact]
    public Task Locals_and_concatenation() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var address = customer.Email;
        var copy = address;
        var prompt = "Reply to " + copy + " about: " + question;
        await chat.GetResponseAsync({|SL0004:prompt|});
        """));

    [Fact]
    public Task Foreach_over_a_personal_collection_yields_personal_elements() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        List<string> customerEmails = [customer.Email];
        foreach (var address in customerEmails)
            await chat.GetResponseAsync({|SL0004:"Write to " + address|});
        string[] phoneNumbers = [customer.PhoneNumber];
        foreach (var number in phoneNumbers)
            await chat.GetResponseAsync({|SL0004:$"Call {number}"|});
        List<string> topics = [question];
        foreach (var topic in topics)
            await chat.GetResponseAsync("Explain " + topic);
        """));

    [Fact]
    public Task Compound_assignment_and_interpolation() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var prompt = $"Question: {question}";
        prompt += $" (from {customer.PhoneNumber})";
        await chat.GetResponseAsync({|SL0004:prompt|});
        """));

    [Fact]
    public Task String_format_concat_and_join() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        await chat.GetResponseAsync({|SL0004:string.Format("Mail {0}: {1}", customer.Email, question)|});
        await chat.GetResponseAsync({|SL0004:string.Concat("Mail ", customer.Email)|});
        await chat.GetResponseAsync({|SL0004:string.Join(", ", question, customer.Email)|});
        await chat.GetResponseAsync(string.Join(", ", question, customer.Plan));
        """));

    [Fact]
    public Task StringBuilder_append_then_to_string() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var builder = new StringBuilder("Context:");
        builder.Append(" customer ").Append(customer.Email);
        builder.AppendLine();
        builder.AppendLine(question);
        await chat.GetResponseAsync({|SL0004:builder.ToString()|});
        var clean = new StringBuilder();
        clean.Append(question);
        await chat.GetResponseAsync(clean.ToString());
        """));

    [Fact]
    public Task String_methods_keep_personal_data() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var shown = customer.Email.Trim().ToUpperInvariant().Substring(1).Replace("@", " at ");
        await chat.GetResponseAsync({|SL0004:shown|});
        await chat.GetResponseAsync(customer.Email.Contains('@') ? "has mail" : "no mail");
        """));

    [Fact]
    public Task Conditional_and_coalesce() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var target = flag ? customer.Email : customer.Plan;
        await chat.GetResponseAsync({|SL0004:target|});
        var fallback = question ?? customer.PhoneNumber;
        await chat.GetResponseAsync({|SL0004:fallback|});
        """));

    [Fact]
    public Task OpenAI_messages() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var message = new OpenAI.Chat.UserChatMessage($"I am {customer.Email}");
        await openAi.CompleteChatAsync({|SL0004:message|});
        var messages = new List<OpenAI.Chat.ChatMessage>
        {
            new OpenAI.Chat.SystemChatMessage("Be brief."),
            OpenAI.Chat.ChatMessage.CreateUserMessage("Call me on " + customer.PhoneNumber),
        };
        await openAi.CompleteChatAsync({|SL0004:messages|});
        await openAi.CompleteChatAsync(new OpenAI.Chat.UserChatMessage(question));
        """));

    [Fact]
    public Task Microsoft_Extensions_AI_messages_and_collection_expressions() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var history = new List<ChatMessage>();
        history.Add(new ChatMessage(ChatRole.System, "You help customers."));
        history.Add(new ChatMessage(ChatRole.User, $"My number is {customer.PhoneNumber}"));
        await chat.GetResponseAsync({|SL0004:history|});
        List<ChatMessage> direct = [new(ChatRole.User, customer.Email)];
        await chat.GetResponseAsync({|SL0004:direct|});
        await chat.GetResponseAsync(new ChatMessage(ChatRole.User, question));
        """));

    [Fact]
    public Task Semantic_Kernel_chat_history_and_prompts() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory("You help customers.");
        history.AddUserMessage($"Customer {customer.Email} asks {question}");
        await chatService.GetChatMessageContentsAsync({|SL0004:history|});
        await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, {|SL0004:$"Summarise the account of {customer.Email}"|});
        """));

    [Fact]
    public Task Embeddings_receive_personal_data_too() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        await embeddings.GenerateVectorAsync({|SL0004:customer.Email|});
        await embeddings.GenerateVectorAsync(question);
        """));

    [Fact]
    public Task Guardrails_filter_for_safety_not_privacy() => PersonalDataTest.VerifyModelAsync(InModelMethod(
        """
        var prompt = PromptGuard.Check($"{customer.Email}: {question}");
        await chat.GetResponseAsync({|SL0004:prompt|});
        """,
        extraTypes: """
        public sealed class GuardrailAttribute : Attribute { }
        public static class PromptGuard { [Guardrail] public static string Check(string text) => text; }
        """));

    [Fact]
    public Task Other_calls_do_not_carry_personal_data() => PersonalDataTest.VerifyModelAsync(InModelMethod(
        """
        var reference = Reference(customer.Email);
        await chat.GetResponseAsync(reference);
        """,
        extraMembers: """
            private static string Reference(string value) => value.GetHashCode().ToString();
        """));

    [Fact]
    public Task Interprocedural_option_lets_own_methods_carry_personal_data() => PersonalDataTest.VerifyModelAsync(
        InModelMethod(
            """
            var reference = Describe(customer.Email);
            await chat.GetResponseAsync({|SL0004:reference|});
            """,
            extraMembers: """
                private static string Describe(string value) => "Customer " + value;
            """),
        editorConfig: "shiftleft.personal_data_interprocedural = true");

    [Fact]
    public Task Lambdas_see_captured_personal_data() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var prompt = $"Reply to {customer.Email}";
        Func<Task> send = async () => await chat.GetResponseAsync({|SL0004:prompt|});
        await send();
        string later = question;
        Action capture = () => later = customer.PhoneNumber;
        capture();
        await chat.GetResponseAsync({|SL0004:later|});
        """));

    [Fact]
    public Task Local_functions_receive_personal_arguments() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        await SendAsync($"Customer {customer.Email}");
        await SendAsync(question);

        async Task SendAsync(string text) => await chat.GetResponseAsync({|SL0004:text|});
        """));

    [Fact]
    public Task Loops_accumulate_personal_data() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var builder = new StringBuilder();
        for (var i = 0; i < 3; i++)
        {
            await chat.GetResponseAsync({|SL0004:builder.ToString()|});
            builder.Append(customer.Email);
        }
        """));

    [Fact]
    public Task Kernel_arguments_carry_personal_data_into_prompt_templates() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var arguments = new Microsoft.SemanticKernel.KernelArguments { ["contact"] = customer.Email, ["question"] = question };
        await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, "Answer {{$question}} for {{$contact}}", {|SL0004:arguments|});
        await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, "Answer {{$question}}", new Microsoft.SemanticKernel.KernelArguments { ["question"] = question });
        """));

    [Fact]
    public Task Counts_lengths_and_flags_read_from_personal_data_are_not_personal() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var builder = new StringBuilder();
        builder.Append(customer.Email.Length).Append(customer.IsEmailConfirmed).Append(customer.PhoneCount);
        await chat.GetResponseAsync(builder.ToString());
        await chat.GetResponseAsync($"Has phone: {!string.IsNullOrEmpty(customer.PhoneNumber)}");
        """));

    [Fact]
    public Task Interpolated_string_handlers_carry_personal_data() => PersonalDataTest.VerifyModelAsync(InModelMethod("""
        var builder = new StringBuilder();
        builder.Append($"Customer {customer.Email} asks: ");
        builder.AppendLine($"{question}");
        await chat.GetResponseAsync({|SL0004:builder.ToString()|});
        await chat.GetResponseAsync({|SL0004:string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Call {customer.PhoneNumber}")|});
        """));
}
