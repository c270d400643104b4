using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>Every sink of SL0003 and SL0004, the "prompt log" message, suppression and generated code.</summary>
public class PersonalDataSinkTests
{
    private static string InMethod(string body, string extraTypes = "", string parameters = "") => PersonalDataTest.Usings + extraTypes + $$"""

        public class Handler(ILogger<Handler> logger, IChatClient chat, Serilog.ILogger serilog, OpenAI.Chat.ChatClient openAi)
        {
            public async Task HandleAsync(Customer customer, string question{{parameters}})
            {
        {{body}}
                await chat.GetResponseAsync(question);
            }
        }
        """;

    [Fact]
    public Task Microsoft_Extensions_Logging() => PersonalDataTest.VerifyLogAsync(InMethod("""
        logger.Log(LogLevel.Warning, "Mail {Mail}", {|SL0003:customer.Email|});
        logger.LogDebug({|SL0003:$"Mail {customer.Email}"|});
        logger.LogError(new InvalidOperationException(), "Failed for {Phone}", {|SL0003:customer.PhoneNumber|});
        using (logger.BeginScope("Customer {Mail}", customer.Plan)) { }
        """));

    [Fact]
    public Task Console_debug_and_trace() => PersonalDataTest.VerifyLogAsync(InMethod("""
        Console.WriteLine({|SL0003:customer.Email|});
        Console.Write("Phone: {0}", {|SL0003:customer.PhoneNumber|});
        System.Diagnostics.Debug.WriteLine({|SL0003:"Mail " + customer.Email|});
        System.Diagnostics.Trace.TraceInformation("Mail {0}", {|SL0003:customer.Email|});
        Console.WriteLine(customer.Plan);
        """));

    [Fact]
    public Task Serilog_logger_and_static_log() => PersonalDataTest.VerifyLogAsync(InMethod("""
        serilog.Information("Mail {Mail}", {|SL0003:customer.Email|});
        Serilog.Log.Warning("Phone {Phone}", {|SL0003:customer.PhoneNumber|});
        serilog.Information("Name {Name}", customer.Plan);
        """));

    [Fact]
    public Task Audit_log_methods_by_attribute_and_configuration() => PersonalDataTest.VerifyLogAsync(
        InMethod(
            """
            Audit.Record({|SL0003:$"Asked by {customer.Email}"|});
            Contoso.AuditTrail.Write("question", {|SL0003:customer.PhoneNumber|});
            Audit.Record(customer.Plan);
            """,
            """
            public sealed class AuditLogAttribute : Attribute { }
            public static class Audit { [AuditLog] public static void Record(string entry) { } }
            namespace Contoso { public static class AuditTrail { public static void Write(string kind, string entry) { } } }
            """),
        editorConfig: "shiftleft.audit_log_methods = Contoso.AuditTrail.Write");

    [Fact]
    public Task Configured_model_call_is_a_sink() => PersonalDataTest.VerifyModelAsync(
        InMethod(
            """
            await Contoso.Llm.AskAsync({|SL0004:$"Customer {customer.Email}"|});
            await Contoso.Llm.AskAsync(question);
            """,
            """
            namespace Contoso { public static class Llm { public static Task<string> AskAsync(string prompt) => Task.FromResult(prompt); } }
            """),
        editorConfig: "shiftleft.model_call_methods = Contoso.Llm.AskAsync");

    [Fact]
    public Task Middleware_forwarding_messages_is_not_the_origin_of_the_transfer() => PersonalDataTest.VerifyModelAsync(PersonalDataTest.Usings + """
        public sealed class SignatureClient(IChatClient inner, string operatorEmail) : DelegatingChatClient(inner)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
            {
                var signed = messages.Append(new ChatMessage(ChatRole.System, "Operator: " + operatorEmail));
                return base.GetResponseAsync(signed, options, cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Prompt_log_and_response_log_say_so() => PersonalDataTest.CreateLog(InMethod("""
        var prompt = $"Customer {customer.Email} asks: {question}";
        logger.LogInformation("Prompt: {Prompt}", {|#0:prompt|});
        var response = await chat.GetResponseAsync(prompt);
        logger.LogInformation("Answer: {Answer}", {|#1:response.Text|});
        logger.LogInformation("Model: {Model}", response.ModelId);
        logger.LogInformation("Mail: {Mail}", {|#2:customer.Email|});
        """)).WithExpected(
            new DiagnosticResult(RuleCatalog.PersonalDataWrittenToLog).WithLocation(0).WithMessage(
                "Personal data 'customer.Email' is written to a prompt log by 'LogInformation': the logged value is a prompt built from it; redact it where it enters the prompt"),
            new DiagnosticResult(RuleCatalog.PersonalDataWrittenToLog).WithLocation(1).WithMessage(
                "Personal data 'customer.Email' is written to a prompt log by 'LogInformation': the logged value is a model response to a prompt built from it; redact it where it enters the prompt"),
            new DiagnosticResult(RuleCatalog.PersonalDataWrittenToLog).WithLocation(2).WithMessage(
                "Personal data 'customer.Email' is written to a log by 'LogInformation': redact it or log only its shape"))
        .RunAsync();

    [Fact]
    public Task Model_message_names_source_and_call() => PersonalDataTest.CreateModel(InMethod("""
        await openAi.CompleteChatAsync({|#0:new OpenAI.Chat.UserChatMessage("Hello " + customer.PhoneNumber)|});
        """)).WithExpected(
            new DiagnosticResult(RuleCatalog.PersonalDataSentToModel).WithLocation(0).WithMessage(
                "Personal data 'customer.PhoneNumber' is sent to a model by 'ChatClient.CompleteChatAsync': redact it before it enters the prompt"))
        .RunAsync();

    [Fact]
    public Task Pragma_suppress_message_and_severity_none_are_honoured()
    {
        var source = InMethod(
            """
            #pragma warning disable SL0003
            logger.LogInformation("Mail {Mail}", customer.Email);
            #pragma warning restore SL0003
            Suppressed.Log(logger, customer.PhoneNumber);
            """,
            """
            public static class Suppressed
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("Privacy", "SL0003", Justification = "Test fixture")]
                public static void Log(ILogger logger, string phone) => logger.LogInformation("Phone {Phone}", phone);
            }
            """);
        return PersonalDataTest.VerifyLogAsync(source);
    }

    [Fact]
    public Task Severity_none_in_editorconfig_turns_the_rule_off() => PersonalDataTest.VerifyLogAsync(
        InMethod("""logger.LogInformation("Mail {Mail}", customer.Email);"""),
        editorConfig: "dotnet_diagnostic.SL0003.severity = none");

    [Fact]
    public Task Generated_code_is_skipped() => PersonalDataTest.VerifyLogAsync("// <auto-generated/>\n" + InMethod("""
        logger.LogInformation("Mail {Mail}", customer.Email);
        """));
}

internal static class AnalyzerTestExtensions
{
    public static T WithExpected<T>(this T test, params DiagnosticResult[] expected)
        where T : Microsoft.CodeAnalysis.Testing.AnalyzerTest<DefaultVerifier>
    {
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }
}
