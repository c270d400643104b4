using System.IO;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>
/// The trigger's textual step skips members whose text names no source. Each test puts a source in a member whose text
/// has none of the usual words, so it fails if that step misses a way personal data can be spelt.
/// </summary>
public class PersonalDataMentionsTests
{
    private static string InLoggingMethod(string parameters, string body, string extraTypes = "") => PersonalDataTest.Usings + extraTypes + $$"""

        public class Handler(ILogger<Handler> logger)
        {
            public void Handle({{parameters}})
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public async Task A_member_personal_by_attribute_in_a_referenced_assembly_is_found_by_its_name()
    {
        // Compiled to a real assembly image: its members are metadata to the analysed compilation, as a project reference's are in a build.
        var library = await NetCompilation.CreateAsync(
            ["""
            namespace Contoso.Models;
            public class Signup
            {
                [System.ComponentModel.DataAnnotations.EmailAddress] public string Login { get; set; } = "";
                public string Plan { get; set; } = "";
            }
            """],
            [],
            assemblyName: "Contoso.Models");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray());

        await ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.PersonalData.PersonalDataAnalyzer, Rule.SL0003>.VerifyAsync(
            InLoggingMethod("Contoso.Models.Signup signup", """logger.LogInformation("{A} {B}", {|SL0003:signup.Login|}, signup.Plan);"""),
            references: ShiftLeftReferences.AllSdks.Append(reference));
    }

    [Fact]
    public Task Underscored_and_upper_case_names_are_found() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "string DATE_OF_BIRTH, string E_Mail",
        """logger.LogInformation("{A} {B}", {|SL0003:DATE_OF_BIRTH|}, {|SL0003:E_Mail|});"""));

    [Fact]
    public Task A_card_number_in_a_raw_string_spanning_lines_is_found() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "int attempt",
        """"
        logger.LogInformation({|SL0003:"""
            Attempt with card
            4539 1488 0343 6467
            """|}, attempt);
        """"));

    [Fact]
    public Task A_parameter_with_a_classification_attribute_is_found() => PersonalDataTest.VerifyLogAsync(
        PersonalDataTest.Usings + """
        public sealed class PrivateDataAttribute() : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute(
            new Microsoft.Extensions.Compliance.Classification.DataClassification("Contoso", "Private"));

        public class Handler(ILogger<Handler> logger)
        {
            public void Handle([PrivateData] string reporter) => logger.LogInformation("{A}", {|SL0003:reporter|});
        }
        """);

    [Fact]
    public Task A_member_personal_by_attribute_in_another_file_is_found_by_its_name() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Ticket ticket",
        """logger.LogInformation("{A} {B}", {|SL0003:ticket.Reporter|}, ticket.Category);""",
        """
        public class Ticket
        {
            [System.ComponentModel.DataAnnotations.Phone] public string Reporter { get; set; } = "";
            public string Category { get; set; } = "";
        }
        """));

    [Fact]
    public Task Members_marked_by_a_derived_or_aliased_personal_attribute_are_found_by_their_names() => PersonalDataTest.VerifyLogAsync(
        "using Pii = Microsoft.AspNetCore.Identity.PersonalDataAttribute;\n" + InLoggingMethod(
            "Visitor visitor",
            """logger.LogInformation("{A} {B} {C}", {|SL0003:visitor.Handle|}, {|SL0003:visitor.Badge|}, visitor.Purpose);""",
            """
            public sealed class SensitiveAttribute : Microsoft.AspNetCore.Identity.PersonalDataAttribute { }
            public class Visitor
            {
                [Pii] public string Handle { get; set; } = "";
                [Sensitive] public string Badge { get; set; } = "";
                [System.Obsolete] public string Purpose { get; set; } = "";
            }
            """));

    [Fact]
    public Task A_name_read_through_var_on_a_type_named_for_a_person_is_found() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "Queue queue",
        """
        var next = queue.Next();
        logger.LogInformation("{N} {T}", {|SL0003:next.Name|}, next.Ticket);
        """,
        """
        public class Patient { public string Name { get; set; } = ""; public int Ticket { get; set; } }
        public class Queue { public Patient Next() => new(); }
        """));

    [Fact]
    public Task A_signed_in_name_read_from_claims_is_found() => PersonalDataTest.VerifyLogAsync(InLoggingMethod(
        "System.Security.Claims.ClaimsPrincipal p",
        """logger.LogInformation("{N}", {|SL0003:p.FindFirst("name")?.Value|});"""));
}
