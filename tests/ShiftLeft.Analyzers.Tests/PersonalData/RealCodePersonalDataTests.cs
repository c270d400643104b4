using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

/// <summary>
/// Personal data as real code spells it (SL0003/SL0004 on the real SDKs): person-name compounds and the name of a
/// person-typed object, personal claims, what a tool returns to the model, and placeholders that identify nobody.
/// </summary>
public sealed class RealCodePersonalDataTests
{
    [Fact]
    public async Task Person_names_are_personal_and_product_store_team_and_code_names_are_not()
    {
        var source = PersonalDataTest.Usings + """
            public sealed class Patient { public string Name { get; set; } = ""; }
            public sealed class Team { public string DisplayName { get; set; } = ""; }
            public sealed class Product { public string Name { get; set; } = ""; }
            class Audit
            {
                void Write(ILogger logger, string customerName, string userName, string productName, string storeName, Patient patient, Team team,
                    Product product, string callerMemberName, System.Security.Claims.ClaimsPrincipal user)
                {
                    logger.LogInformation("Customer {Name}", {|#0:customerName|});
                    logger.LogInformation("User {Name}", {|#1:userName|});
                    logger.LogInformation("Patient {Name}", {|#2:patient.Name|});
                    logger.LogInformation("Signed in as {Name}", {|#3:user.Identity!.Name|});
                    logger.LogInformation("Product {Name} in {Store}", productName, storeName);
                    logger.LogInformation("Team {Team}, product {Product}", team.DisplayName, product.Name);
                    logger.LogInformation("Called from {Member}", callerMemberName);
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "Personal data 'customerName' is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(1, "Personal data 'userName' is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(2, "Personal data 'patient.Name' is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(3, "Personal data 'user.Identity!.Name' is written to a log by 'LogInformation': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_read_under_a_null_conditional_access_is_named_with_its_receiver()
    {
        // LocalAiDemo's Home.razor: Logger.LogInformation("… {ContactName} (ID: {ContactId})", contact?.Name ?? "null", contact?.Id ?? 0).
        var source = PersonalDataTest.Usings + """
            public sealed class Contact { public string Name { get; set; } = ""; public Contact? Manager { get; set; } }
            class Home
            {
                void Selected(ILogger logger, Contact? contact, Dictionary<string, Customer>? customers)
                {
                    logger.LogInformation("Contact {Name}", {|#0:contact?.Name ?? "null"|});
                    logger.LogInformation("Manager {Name}", {|#1:contact?.Manager?.Name|});
                    logger.LogInformation("Mail {Email}", {|#2:customers?["x"].Email|});
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "Personal data 'contact?.Name' is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(1, "Personal data 'contact?.Manager?.Name' is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(2, "Personal data 'customers?[\"x\"].Email' is written to a log by 'LogInformation': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task Clinic_staff_and_guests_are_people()
    {
        // stzdiego/OlivIA's PatientManagerPlugin summarises a doctor's profile with the doctor's name in the prompt (and
        // in KernelArguments no template reads);
        // benjaminemanuel13/SemanticProcess's StaffLookupPlugin returns a StaffDetails to the model.
        var source = "using System.ComponentModel;\nusing Microsoft.SemanticKernel;\n" + PersonalDataTest.Usings + """
            public sealed class Doctor { public string Name { get; set; } = ""; public string Speciality { get; set; } = ""; }
            public sealed class StaffDetails { public string Name { get; set; } = ""; public string Department { get; set; } = ""; }
            public sealed class PatientManagerPlugin
            {
                public async Task<string> Summary(Kernel kernel, Doctor doctor) =>
                    (await kernel.InvokePromptAsync({|#0:$"Summarise without the name of doctor {doctor.Name}: {doctor.Speciality}"|},
                        new() { { "doctor.Name", doctor.Name } })).ToString();

                // Arguments reach the prompt only where a template names them, and a template not written out may name any.
                public async Task Templates(Kernel kernel, Doctor doctor, string template)
                {
                    await kernel.InvokePromptAsync("Greet {{$name}}", {|#2:new() { ["name"] = doctor.Name }|});
                    await kernel.InvokePromptAsync(template, {|#3:new() { ["name"] = doctor.Name }|});
                    await kernel.InvokePromptAsync("Greet the doctor", new() { ["name"] = doctor.Name });
                }

                [KernelFunction, Description("Finds a colleague.")]
                public string Colleague(StaffDetails staff) => {|#1:staff.Name|};

                [KernelFunction, Description("Finds a department.")]
                public string Department(StaffDetails staff) => staff.Department;
            }
            """;
        var test = PersonalDataTest.CreateModel(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Model(0, "Personal data 'doctor.Name' is sent to a model by 'KernelExtensions.InvokePromptAsync': redact it before it enters the prompt"),
            Model(1, "Personal data 'staff.Name' is returned to the model by the tool 'Colleague': redact it before the tool returns it"),
            Model(2, "Personal data 'doctor.Name' is sent to a model by 'KernelExtensions.InvokePromptAsync': redact it before it enters the prompt"),
            Model(3, "Personal data 'doctor.Name' is sent to a model by 'KernelExtensions.InvokePromptAsync': redact it before it enters the prompt"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_name_read_on_a_person_is_personal()
    {
        var source = PersonalDataTest.Usings + """
            public sealed class Account { public string Name { get; set; } = ""; }
            class Mailer
            {
                void Write(ILogger logger, Account sender, Account store) =>
                    logger.LogInformation("From {Sender} at {Store}", {|#0:sender.Name|}, store.Name);
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.Add(Log(0, "Personal data 'sender.Name' is written to a log by 'LogInformation': redact it or log only its shape"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Personal_claims_are_personal_and_role_and_identifier_claims_are_not()
    {
        var source = "using System.Security.Claims;\n" + PersonalDataTest.Usings + """
            class Profile
            {
                void Write(ILogger logger, ClaimsPrincipal user)
                {
                    logger.LogInformation("Mail {Mail}", {|#0:user.FindFirst(ClaimTypes.Email)?.Value|});
                    logger.LogInformation("Phone {Phone}", {|#1:user.Claims.First(c => c.Type == "phone_number").Value|});
                    logger.LogInformation("Given {Given}", {|#2:user.FindFirst("given_name")!.Value|});
                    logger.LogInformation("Sign-in {Upn} {Preferred}", {|#3:user.FindFirst(ClaimTypes.Upn)?.Value|}, {|#4:user.FindFirst("preferred_username")?.Value|});
                    logger.LogInformation("Role {Role} id {Id}", user.FindFirst(ClaimTypes.Role)?.Value, user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
                    logger.LogInformation("Claim type {Type}", ClaimTypes.Email);
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "The 'emailaddress' claim (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(1, "The 'phone_number' claim (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(2, "The 'given_name' claim (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(3, "The 'upn' claim (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(4, "The 'preferred_username' claim (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task What_a_tool_returns_reaches_the_model()
    {
        // The shape of eShop's ChatState.GetUserInfo: claims serialised into the tool's result.
        var source = "using System.ComponentModel;\nusing System.Security.Claims;\nusing System.Text.Json;\nusing Microsoft.SemanticKernel;\n" + PersonalDataTest.Usings + """
            public class ChatState
            {
                private readonly ClaimsPrincipal _user;
                private readonly ChatOptions _options;
                public ChatState(ClaimsPrincipal user)
                {
                    _user = user;
                    _options = new() { Tools = [AIFunctionFactory.Create(GetUserInfo)] };
                }

                [Description("Gets information about the chat user")]
                private string GetUserInfo()
                {
                    var claims = _user.Claims;
                    return {|#0:JsonSerializer.Serialize(new
                    {
                        Name = GetValue(claims, "name"),
                        Email = GetValue(claims, "email"),
                    })|};

                    static string GetValue(IEnumerable<Claim> claims, string claimType) =>
                        claims.FirstOrDefault(x => x.Type == claimType)?.Value ?? "";
                }

                private string NotATool() => JsonSerializer.Serialize(new { Email = _user.FindFirst("email")?.Value });
            }
            public sealed class CrmPlugin
            {
                [KernelFunction]
                public string Lookup(Customer customer) => {|#1:customer.Email|};

                public string Helper(Customer customer) => customer.Email;

                [KernelFunction]
                public string SendEmail(string message, string emailAddress) => $"Sent to {emailAddress}";
            }
            [ModelContextProtocol.Server.McpServerToolType]
            public static class CrmTools
            {
                [ModelContextProtocol.Server.McpServerTool]
                public static string Owner(Customer customer) => {|#2:$"Owner: {customer.PhoneNumber}"|};
            }
            """;
        var test = PersonalDataTest.CreateModel(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Model(0, "The 'name' claim (personal data) is returned to the model by the tool 'GetUserInfo': redact it before the tool returns it"),
            Model(1, "Personal data 'customer.Email' is returned to the model by the tool 'Lookup': redact it before the tool returns it"),
            Model(2, "Personal data 'customer.PhoneNumber' is returned to the model by the tool 'Owner': redact it before the tool returns it"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task Placeholder_domains_and_published_test_cards_are_not_personal_data()
    {
        var source = PersonalDataTest.Usings + """
            class Samples
            {
                void Write(ILogger logger)
                {
                    logger.LogInformation("test@contoso.com and admin@sales.fabrikam.com and me@localhost and a@b.example and x@y.test");
                    logger.LogInformation("Cards 4111 1111 1111 1111, 4242-4242-4242-4242, 5555555555554444, 3782 822463 10005");
                    logger.LogInformation({|#0:"Refund to 4556 7375 8689 9855"|});
                    logger.LogInformation({|#1:"Write to jane.doe@contoso-mail.com"|});
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "A payment card number literal (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
            Log(1, "An e-mail address literal (personal data) is written to a log by 'LogInformation': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    // SK's account-opening sample: the new customer's form, serialised whole, in a system message and on the console.
    private const string Forms = """
        public class NewAccountForm
        {
            public string Email { get; set; } = "";
            public string PhoneNumber { get; set; } = "";
            public DateTime DateOfBirth { get; set; }
            public string AccountType { get; set; } = "";
        }
        public class DisplaySettings
        {
            public string Theme { get; set; } = "";
            public int FontSize { get; set; }
        }

        """;

    [Fact]
    public async Task An_object_with_personal_members_serialised_whole_is_written_to_a_log_and_one_without_is_not()
    {
        var source = "using System.Text.Json;\n" + PersonalDataTest.Usings + Forms + """
            class Steps
            {
                void Write(ILogger logger, NewAccountForm form, DisplaySettings settings, NewAccountForm[] forms)
                {
                    var json = JsonSerializer.Serialize(form);
                    Console.WriteLine({|#0:json|});
                    logger.LogInformation("All {Forms}", {|#1:JsonSerializer.Serialize(forms)|});
                    logger.LogInformation("Settings {Settings}", JsonSerializer.Serialize(settings));
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "Personal data 'form' serialised with its 'Email', 'PhoneNumber', 'DateOfBirth' is written to a log by 'WriteLine': redact it or log only its shape"),
            Log(1, "Personal data 'forms' serialised with its 'Email', 'PhoneNumber', 'DateOfBirth' is written to a log by 'LogInformation': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task An_object_with_personal_members_serialised_into_a_prompt_is_sent_to_the_model()
    {
        var source = "using System.Text.Json;\n" + PersonalDataTest.Usings + Forms + """
            class Steps
            {
                async Task<string> Check(IChatClient client, NewAccountForm form, DisplaySettings settings)
                {
                    await client.GetResponseAsync("Suggest a theme for " + JsonSerializer.Serialize(settings));
                    var response = await client.GetResponseAsync({|#0:$"Check this form: {JsonSerializer.Serialize(form)}"|});
                    var prompt = "The form so far: {{form}}".Replace("{{form}}", JsonSerializer.Serialize(form));
                    await client.GetResponseAsync({|#1:prompt|});
                    return response.Text;
                }
            }
            """;
        var test = PersonalDataTest.CreateModel(source);
        test.ExpectedDiagnostics.Add(Model(0, "Personal data 'form' serialised with its 'Email', 'PhoneNumber', 'DateOfBirth' is sent to a model by 'ChatClientExtensions.GetResponseAsync': redact it before it enters the prompt"));
        test.ExpectedDiagnostics.Add(Model(1, "Personal data 'form' serialised with its 'Email', 'PhoneNumber', 'DateOfBirth' is sent to a model by 'ChatClientExtensions.GetResponseAsync': redact it before it enters the prompt"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Sample_contacts_built_from_constants_are_judged_by_the_constants()
    {
        // jochenkluger/LocalAiDemo's ContactService and ChatDatabaseService log each sample contact they build from
        // constants; the same loop over contacts from a repository or a parameter logs real people.
        var source = PersonalDataTest.Usings + """
            public sealed class Contact { public int Id { get; set; } public string Name { get; set; } = ""; public string Email { get; set; } = ""; }
            public interface IContactRepository { List<Contact> All(); }
            class ContactService(ILogger logger, IContactRepository repository)
            {
                void Seed()
                {
                    var sampleContacts = new List<Contact>
                    {
                        new Contact { Id = 1, Name = "Maria Schmidt", Email = "maria.schmidt@example.com" },
                        new Contact { Id = 3, Name = "Julia Weber", Email = "julia.weber@example.com" },
                    };
                    foreach (var contact in sampleContacts)
                    {
                        logger.LogDebug("Created {Name} <{Email}> ({Count})", contact.Name, contact.Email, sampleContacts.Count);
                    }

                    var demo = new Contact { Name = "Anna Fischer", Email = "anna.fischer@company.de" };
                    logger.LogDebug("Demo {Name} <{Email}>", demo.Name, {|#0:demo.Email|});
                }

                void Load(List<Contact> given)
                {
                    foreach (var contact in repository.All())
                    {
                        logger.LogDebug("Loaded {Name}", {|#1:contact.Name|});
                    }

                    foreach (var contact in given)
                    {
                        logger.LogDebug("Given {Name}", {|#2:contact.Name|});
                    }

                    var samples = new[] { new Contact { Name = "Thomas Müller" } };
                    samples[0] = given[0];
                    foreach (var contact in samples)
                    {
                        logger.LogDebug("Replaced {Name}", {|#3:contact.Name|});
                    }

                    var renamed = new Contact { Name = "Michael Wagner" };
                    renamed.Name = given[0].Name;
                    logger.LogDebug("Renamed {Name}", {|#4:renamed.Name|});
                }
            }
            """;
        var test = PersonalDataTest.CreateLog(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Log(0, "Personal data 'demo.Email' is written to a log by 'LogDebug': redact it or log only its shape"),
            Log(1, "Personal data 'contact.Name' is written to a log by 'LogDebug': redact it or log only its shape"),
            Log(2, "Personal data 'contact.Name' is written to a log by 'LogDebug': redact it or log only its shape"),
            Log(3, "Personal data 'contact.Name' is written to a log by 'LogDebug': redact it or log only its shape"),
            Log(4, "Personal data 'renamed.Name' is written to a log by 'LogDebug': redact it or log only its shape"),
        ]);
        await test.RunAsync();
    }

    private static DiagnosticResult Log(int markup, string message) =>
        new DiagnosticResult("SL0003", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);

    private static DiagnosticResult Model(int markup, string message) =>
        new DiagnosticResult("SL0004", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);
}
