namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>Redactors stop the flow; guardrails and ordinary calls are not redactors.</summary>
public class PersonalDataSanitizerTests
{
    private static string InMethod(string body, string extraTypes = "") => PersonalDataTest.Usings + """
        namespace Contoso.Privacy
        {
            public static class Mask
            {
                public static string Email(string value) => "***";
                public static string Phone(string value) => "***";
            }
        }

        public sealed class RedactorAttribute : Attribute { }
        public static class Scrub { [Redactor] public static string Text(string value) => "***"; }

        """ + extraTypes + $$"""

        public class Handler(ILogger<Handler> logger, IChatClient chat, IRedactorProvider redactors, Redactor redactor)
        {
            public async Task HandleAsync(Customer customer, string question, bool flag)
            {
        {{body}}
                await chat.GetResponseAsync(question);
            }
        }
        """;

    [Fact]
    public Task Configured_redaction_method_stops_the_flow() => PersonalDataTest.VerifyLogAsync(
        InMethod("""
            logger.LogInformation("Mail {Mail}", Contoso.Privacy.Mask.Email(customer.Email));
            logger.LogInformation("Prompt {Prompt}", $"Customer {Contoso.Privacy.Mask.Phone(customer.PhoneNumber)}");
            logger.LogInformation("Phone {Phone}", {|SL0003:customer.PhoneNumber|});
            """),
        editorConfig: "shiftleft.redaction_methods = Contoso.Privacy.Mask");

    [Fact]
    public Task Without_configuration_an_ordinary_method_is_not_a_redactor() => PersonalDataTest.VerifyLogAsync(InMethod("""
        logger.LogInformation("Mail {Mail}", {|SL0003:customer.Email.Trim()|});
        """));

    [Fact]
    public Task Redactor_attribute_stops_the_flow() => PersonalDataTest.VerifyLogAsync(InMethod("""
        logger.LogInformation("Mail {Mail}", Scrub.Text(customer.Email));
        """));

    [Fact]
    public Task Compliance_redactors_stop_the_flow() => PersonalDataTest.VerifyLogAsync(InMethod("""
        var classification = new Microsoft.Extensions.Compliance.Classification.DataClassification("Contoso", "Private");
        logger.LogInformation("Mail {Mail}", redactors.GetRedactor(classification).Redact(customer.Email));
        logger.LogInformation("Phone {Phone}", redactor.Redact(customer.PhoneNumber));
        var builder = new StringBuilder("Customer ");
        builder.AppendRedacted(redactor, customer.Email);
        logger.LogInformation("Line {Line}", builder.ToString());
        """));

    [Fact]
    public Task Reassigning_a_redacted_value_ends_the_personal_data() => PersonalDataTest.VerifyLogAsync(InMethod("""
        var email = customer.Email;
        email = redactor.Redact(email);
        logger.LogInformation("Mail {Mail}", email);
        var shown = customer.PhoneNumber;
        shown = redactor.Redact(shown);
        logger.LogInformation("Phone {Phone}", shown);
        """));

    [Fact]
    public Task Redacting_on_one_path_only_is_not_enough() => PersonalDataTest.VerifyLogAsync(InMethod("""
        var shown = customer.Email;
        if (flag)
        {
            shown = redactor.Redact(shown);
        }

        logger.LogInformation("Mail {Mail}", {|SL0003:shown|});
        """));

    [Fact]
    public Task A_personal_local_assigned_a_constant_is_not_personal() => PersonalDataTest.VerifyLogAsync(InMethod("""
        var email = "";
        logger.LogInformation("Mail {Mail}", email);
        """));

    [Fact]
    public Task Identity_personal_data_protector_encrypts() => PersonalDataTest.VerifyLogAsync(InMethod(
        """
        logger.LogInformation("Mail {Mail}", Protector.Value.Protect(customer.Email));
        """,
        """
        public static class Protector { public static Microsoft.AspNetCore.Identity.IPersonalDataProtector Value = null!; }
        """));

    [Fact]
    public Task Logger_message_parameters_with_a_classification_are_redacted_by_the_generator() => PersonalDataTest.VerifyLogAsync(PersonalDataTest.Usings + """
        public sealed class PrivateDataAttribute() : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute(
            new Microsoft.Extensions.Compliance.Classification.DataClassification("Contoso", "Private"));

        public static partial class Handler
        {
            [LoggerMessage(Level = LogLevel.Information, Message = "Customer {Email} asked")]
            static partial void CustomerAsked(ILogger logger, [PrivateData] string email);

            [LoggerMessage(Level = LogLevel.Information, Message = "Customer {Phone} asked")]
            static partial void CustomerCalled(ILogger logger, string phone);

            public static async Task HandleAsync(ILogger logger, IChatClient chat, Customer customer)
            {
                CustomerAsked(logger, customer.Email);
                CustomerCalled(logger, {|SL0003:customer.PhoneNumber|});
                await chat.GetResponseAsync("static");
            }
        }
        """);

    // A Semantic Kernel prompt filter configured as a redactor redacts every prompt of the kernel it is registered on.
    private static string KernelWithFilter(string filterAttribute) => """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """ + PersonalDataTest.Usings + """
        public sealed class RedactorAttribute : Attribute { }

        """ + filterAttribute + """

        public sealed class PiiRedactionFilter : IPromptRenderFilter
        {
            public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
            {
                await next(context);
                context.RenderedPrompt = System.Text.RegularExpressions.Regex.Replace(context.RenderedPrompt!, @"\S+@\S+", "[email]");
            }
        }

        public class Mailer
        {
            public async Task<string> DraftAsync(Customer customer)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<IPromptRenderFilter, PiiRedactionFilter>();
                var kernel = builder.Build();
                var result = await kernel.InvokePromptAsync(MARK);
                return result.ToString();
            }
        }
        """;

    [Fact]
    public Task A_kernel_filter_marked_as_redactor_redacts_the_kernels_prompts() => PersonalDataTest.VerifyModelAsync(
        KernelWithFilter("[Redactor]").Replace("MARK", "$\"Write a renewal reminder to {customer.Email}.\"", StringComparison.Ordinal));

    [Fact]
    public Task A_kernel_filter_is_a_redactor_only_when_configured_as_one() => PersonalDataTest.VerifyModelAsync(
        KernelWithFilter(string.Empty).Replace("MARK", "{|SL0004:$\"Write a renewal reminder to {customer.Email}.\"|}", StringComparison.Ordinal));

    [Fact]
    public Task A_kernel_filter_listed_in_redaction_methods_is_a_redactor() => PersonalDataTest.VerifyModelAsync(
        KernelWithFilter(string.Empty).Replace("MARK", "$\"Write a renewal reminder to {customer.Email}.\"", StringComparison.Ordinal),
        editorConfig: "shiftleft.redaction_methods = PiiRedactionFilter");
}
