namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>Every kind of personal-data source, and the precision cases that must stay silent.</summary>
public class PersonalDataSourceTests
{
    private static string InLoggingMethod(string parameters, string body, string extraTypes = "") => PersonalDataTest.Usings + extraTypes + $$"""

        public class Handler(ILogger<Handler> logger, IChatClient chat)
        {
            private string _customerEmail = "";

            public async Task HandleAsync({{parameters}})
            {
        {{body}}
                await chat.GetResponseAsync("static question");
            }
        }
        """;

    [Fact]
    public Task Member_named_like_personal_data() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Customer customer",
        """logger.LogInformation("Customer {Email} {Phone}", {|SL0003:customer.Email|}, {|SL0003:customer.PhoneNumber|});"""));

    [Fact]
    public Task Parameter_local_and_field_named_like_personal_data() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "string userEmail, string user_phone",
        """
        var dateOfBirth = DateTime.Today;
        logger.LogInformation("{A} {B} {C} {D}", {|SL0003:userEmail|}, {|SL0003:user_phone|}, {|SL0003:dateOfBirth|}, {|SL0003:_customerEmail|});
        """));

    [Fact]
    public Task Booleans_numbers_template_ids_and_unrelated_values_are_not_personal() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Customer customer, string question, int requestId",
        """
        logger.LogInformation("Confirmed {C}, phones {N}, template {T}", customer.IsEmailConfirmed, customer.PhoneCount, customer.EmailTemplateId);
        logger.LogInformation("Handling question {Id} for {Name}", requestId, customer.Plan);
        logger.LogInformation("Question length {Length}", customer.Email.Length);
        """));

    [Fact]
    public Task Reflection_and_file_names_are_not_personal() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Exception exception, System.IO.FileInfo file, System.Reflection.AssemblyName assembly",
        """
        logger.LogError(exception, "{Type} failed in {Source} on {File} of {Assembly}", exception.GetType().FullName, exception.Source, file.FullName, assembly.FullName);
        """));

    [Fact]
    public Task Identity_personal_data_attributes() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Account account",
        """logger.LogInformation("{A} {B} {C}", {|SL0003:account.Contact|}, {|SL0003:account.Secret|}, account.Nickname);""",
        """
        public class Account
        {
            [Microsoft.AspNetCore.Identity.PersonalData] public string Contact { get; set; } = "";
            [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Secret { get; set; } = "";
            public string Nickname { get; set; } = "";
        }
        """));

    [Fact]
    public Task Personal_data_attribute_by_simple_name_in_any_namespace() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Contoso.Patient patient",
        """logger.LogInformation("{A}", {|SL0003:patient.Diagnosis|});""",
        """
        namespace Contoso
        {
            [AttributeUsage(AttributeTargets.Property)] public sealed class PersonalDataAttribute : Attribute { }
            public class Patient { [PersonalData] public string Diagnosis { get; set; } = ""; }
        }
        """));

    [Fact]
    public Task Attribute_on_a_positional_record_parameter_marks_its_property() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Contoso.Visit visit, Contoso.Ticket ticket",
        """
                logger.LogInformation("{A}", {|SL0003:visit.Contact|});
                logger.LogInformation("{A}", ticket.Contact);
        """,
        """
        namespace Contoso
        {
            [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)] public sealed class PersonalDataAttribute : Attribute { }
            public record Visit([PersonalData] string Contact, string Reason);
            public record Ticket(string Contact, string Reason);
        }
        """));

    [Fact]
    public Task Data_annotation_attributes() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Signup signup",
        """logger.LogInformation("{A} {B} {C} {D}", {|SL0003:signup.Contact|}, {|SL0003:signup.Mobile2|}, {|SL0003:signup.Card|}, signup.Plan);""",
        """
        public class Signup
        {
            [System.ComponentModel.DataAnnotations.EmailAddress] public string Contact { get; set; } = "";
            [System.ComponentModel.DataAnnotations.Phone] public string Mobile2 { get; set; } = "";
            [System.ComponentModel.DataAnnotations.CreditCard] public string Card { get; set; } = "";
            public string Plan { get; set; } = "";
        }
        """));

    [Fact]
    public Task Compliance_data_classification_attributes_except_no_and_unknown() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Ticket ticket",
        """logger.LogInformation("{A} {B} {C}", {|SL0003:ticket.Reporter|}, ticket.Category, ticket.Channel);""",
        """
        public sealed class PrivateDataAttribute() : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute(
            new Microsoft.Extensions.Compliance.Classification.DataClassification("Contoso", "Private"));
        public class Ticket
        {
            [PrivateData] public string Reporter { get; set; } = "";
            [Microsoft.Extensions.Compliance.Classification.NoDataClassification] public string Category { get; set; } = "";
            [Microsoft.Extensions.Compliance.Classification.UnknownDataClassification] public string Channel { get; set; } = "";
        }
        """));

    [Fact]
    public Task Configured_attributes_and_names() => PersonalDataTest.VerifyLogAsync(
        InLoggingMethod(
            "Member member",
            """logger.LogInformation("{A} {B} {C}", {|SL0003:member.Tag|}, {|SL0003:member.Handle|}, {|SL0003:member.LoyaltyNumber|});""",
            """
            namespace Contoso.Privacy { public sealed class SensitiveAttribute : Attribute { } public sealed class SecretAttribute : Attribute { } }
            public class Member
            {
                [Contoso.Privacy.Sensitive] public string Tag { get; set; } = "";
                [Contoso.Privacy.Secret] public string Handle { get; set; } = "";
                public string LoyaltyNumber { get; set; } = "";
            }
            """),
        editorConfig: """
            shiftleft.personal_data_attributes = Contoso.Privacy.SensitiveAttribute, Secret
            shiftleft.personal_data_names = loyalty_number
            """);

    [Fact]
    public Task Personal_data_literals() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "string question",
        """
        logger.LogInformation({|SL0003:"Escalate to jane.doe@contoso-mail.com"|});
        logger.LogInformation("Card {Card}", {|SL0003:"4556 7375 8689 9855"|});
        logger.LogInformation("Write to support@example.com about order {Order}", 12345678);
        """));

    [Fact]
    public async Task Nothing_is_registered_without_an_ai_sdk()
    {
        const string source = """
            using Microsoft.Extensions.Logging;
            public class Handler(ILogger<Handler> logger)
            {
                public void Handle(string email) => logger.LogInformation("{Email}", email);
            }
            """;
        await Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.PersonalData.PersonalDataAnalyzer>.VerifyAsync(source, references: Verification.ShiftLeftReferences.LoggingOnly);

        var analyzer = new ShiftLeft.Analyzers.PersonalData.PersonalDataAnalyzer();
        Assert.Equal(0, await Verification.AnalyzerTelemetry.RegisteredActionCountAsync(analyzer, source, Verification.ShiftLeftReferences.LoggingOnly));
        Assert.True(await Verification.AnalyzerTelemetry.RegisteredActionCountAsync(analyzer, source, Verification.ShiftLeftReferences.AllSdks) > 0);
    }
}
