using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.CodeFixes.PersonalData;
using ShiftLeft.Analyzers.PersonalData;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>
/// Code fixes: each fixed source must compile with no SL0003/SL0004 left; the framework also applies Fix All in
/// document, project and solution scope to the same source and expects the same result.
/// </summary>
public class PersonalDataCodeFixTests
{
    private const string Masks = """

        namespace Contoso.Privacy
        {
            public static class Mask
            {
                public static string Email(string value) => "***";
                public static int Count(string value) => 0;
            }

            public static class Scramble
            {
                public static string Text(string value) => "***";
            }
        }
        """;

    private static string Handler(string body, string services = "") => PersonalDataTest.Usings + $$"""
        public class Handler(ILogger<Handler> logger, IChatClient chat{{services}})
        {
            public async Task HandleAsync(Customer customer, string question)
            {
        {{body}}
            }
        }
        """ + Masks;

    private static Task VerifyModelFixAsync(string source, string fixedSource, string? editorConfig = null, string? key = null, bool allFixAllScopes = false)
    {
        var test = ShiftLeftCodeFixTest<PersonalDataAnalyzer, PersonalDataCodeFixProvider, Rule.SL0004>.Create(source, fixedSource, editorConfig);
        test.CodeActionEquivalenceKey = key;
        if (!allFixAllScopes)
        {
            // Project and solution scope behave like document scope for a one-document test; two tests keep all three.
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        }

        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyLogFixAsync(string source, string fixedSource, string? editorConfig = null, string? key = null, bool allFixAllScopes = false)
    {
        var test = ShiftLeftCodeFixTest<PersonalDataAnalyzer, PersonalDataCodeFixProvider, Rule.SL0003>.Create(source, fixedSource, editorConfig);
        test.CodeActionEquivalenceKey = key;
        if (!allFixAllScopes)
        {
            // Project and solution scope behave like document scope for a one-document test; two tests keep all three.
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Configured_redaction_method_wraps_each_entry_point_and_fix_all_covers_the_document() => VerifyModelFixAsync(
        Handler("""
            var prompt = $"Customer {customer.Email} asks: {question}";
            await chat.GetResponseAsync({|SL0004:prompt|});
            await chat.GetResponseAsync({|SL0004:"Reply to " + customer.Email|});
            """),
        Handler("""
            var prompt = $"Customer {Contoso.Privacy.Mask.Email(customer.Email)} asks: {question}";
            await chat.GetResponseAsync(prompt);
            await chat.GetResponseAsync("Reply to " + Contoso.Privacy.Mask.Email(customer.Email));
            """),
        editorConfig: "shiftleft.redaction_methods = Contoso.Privacy.Mask",
        key: PersonalDataCodeFixProvider.ConfiguredMethodKey,
        allFixAllScopes: true);

    [Fact]
    public Task Two_fitting_configured_methods_fall_back_to_the_redactor_in_scope() => VerifyLogFixAsync(
        Handler(
            """
            logger.LogInformation("Mail {Mail}", {|SL0003:customer.Email|});
            await chat.GetResponseAsync(question);
            """,
            ", Redactor redactor"),
        Handler(
            """
            logger.LogInformation("Mail {Mail}", redactor.Redact(customer.Email));
            await chat.GetResponseAsync(question);
            """,
            ", Redactor redactor"),
        editorConfig: "shiftleft.redaction_methods = Contoso.Privacy.Mask, Contoso.Privacy.Scramble",
        key: PersonalDataCodeFixProvider.RedactorKey);

    [Fact]
    public Task Redactor_provider_in_scope_uses_its_fallback_redactor() => VerifyModelFixAsync(
        Handler(
            """
            var history = new List<ChatMessage> { new(ChatRole.User, $"I am {customer.PhoneNumber}") };
            await chat.GetResponseAsync({|SL0004:history|});
            """,
            ", IRedactorProvider redactors"),
        Handler(
            """
            var history = new List<ChatMessage> { new(ChatRole.User, $"I am {redactors.GetRedactor(Microsoft.Extensions.Compliance.Classification.DataClassification.Unknown).Redact(customer.PhoneNumber)}") };
            await chat.GetResponseAsync(history);
            """,
            ", IRedactorProvider redactors"),
        key: PersonalDataCodeFixProvider.RedactorKey);

    [Fact]
    public Task Without_a_redactor_the_log_records_only_the_shape() => VerifyLogFixAsync(
        Handler("""
            logger.LogInformation("Mail {Mail} about {Question}", {|SL0003:customer.Email|}, question);
            logger.LogWarning({|SL0003:$"Phone {customer.PhoneNumber} failed"|});
            await chat.GetResponseAsync(question);
            """),
        Handler("""
            logger.LogInformation("Mail {Mail} about {Question}", customer.Email.Length, question);
            logger.LogWarning($"Phone {customer.PhoneNumber.Length} failed");
            await chat.GetResponseAsync(question);
            """),
        key: PersonalDataCodeFixProvider.ShapeKey);

    [Fact]
    public Task No_shape_fix_for_a_prompt_that_is_also_sent_to_the_model() => VerifyLogFixAsync(
        Handler("""
            var prompt = $"Customer {customer.Email} asks: {question}";
            logger.LogInformation("Prompt {Prompt}", {|SL0003:prompt|});
            await chat.GetResponseAsync(prompt);
            """),
        Handler("""
            var prompt = $"Customer {customer.Email} asks: {question}";
            logger.LogInformation("Prompt {Prompt}", {|SL0003:prompt|});
            await chat.GetResponseAsync(prompt);
            """));

    [Fact]
    public Task No_fix_for_a_model_call_without_any_redactor() => VerifyModelFixAsync(
        Handler("""
            await chat.GetResponseAsync({|SL0004:customer.Email|});
            """),
        Handler("""
            await chat.GetResponseAsync({|SL0004:customer.Email|});
            """));

    [Fact]
    public Task A_prompt_logged_and_sent_is_redacted_once_where_it_enters() => VerifyLogFixAsync(
        Handler(
            """
            var prompt = $"Customer {customer.Email} asks: {question}";
            logger.LogInformation("Prompt {Prompt}", {|SL0003:prompt|});
            logger.LogDebug("Again {Prompt}", {|SL0003:prompt|});
            await chat.GetResponseAsync(prompt);
            """,
            ", Redactor redactor"),
        Handler(
            """
            var prompt = $"Customer {redactor.Redact(customer.Email)} asks: {question}";
            logger.LogInformation("Prompt {Prompt}", prompt);
            logger.LogDebug("Again {Prompt}", prompt);
            await chat.GetResponseAsync(prompt);
            """,
            ", Redactor redactor"),
        key: PersonalDataCodeFixProvider.RedactorKey,
        allFixAllScopes: true);
}
