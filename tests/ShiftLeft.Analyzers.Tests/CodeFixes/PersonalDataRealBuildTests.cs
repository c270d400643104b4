using Harness;
using ShiftLeft.Analyzers.CodeFixes.PersonalData;
using ShiftLeft.Analyzers.PersonalData;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0003 / SL0004 fixes applied, built for real (nullable enabled, -warnaserror, the ShiftLeft analyzers loaded) and
/// run: what reaches the model and the log is redacted, and no fix adds a nullable warning (a redactor taking
/// <c>string</c> is not offered for a <c>string?</c> value; the next kind is).
/// </summary>
public sealed class PersonalDataRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Email = "alex.doe@fabrikam-shop.co.uk";
    private const string Phone = "+44 20 7946 0958";

    private const string Options = """
        dotnet_diagnostic.SL0001.severity = none
        dotnet_diagnostic.SL0002.severity = none
        shiftleft.redaction_methods = App.Privacy.Mask
        """;

    [Fact]
    public async Task Redaction_fixes_build_with_nullable_values_and_keep_personal_data_out_of_prompts_and_logs()
    {
        const string desk = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Compliance.Redaction;
            using Microsoft.Extensions.Logging;

            namespace App.Privacy;

            public sealed record Customer(string Name, string Email, string? PhoneNumber);

            public static class Mask
            {
                public static string Email(string value) => value.Length == 0 ? value : value[0] + "***";
            }

            public sealed class SupportDesk(IChatClient chat, Redactor redactor)
            {
                public async Task<string> AskAsync(Customer customer, string question)
                {
                    var prompt = $"Customer {customer.Email} asks: {question}";
                    var response = await chat.GetResponseAsync(prompt);
                    var callback = await chat.GetResponseAsync($"Call back {customer.PhoneNumber} about: {question}");
                    return response.Text + "|" + callback.Text;
                }
            }

            public sealed class BounceLog(ILogger<BounceLog> logger)
            {
                public void Record(Customer customer)
                {
                    logger.LogWarning("Mail to {Email} bounced; phone on file {Phone}", customer.Email, customer.PhoneNumber);
                }
            }
            """;
        const string entry = $$"""
            using Microsoft.Extensions.Compliance.Redaction;
            using Microsoft.Extensions.Logging;

            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var loggers = Harness.LogRecorder.CreateFactory(recorder);
                    var model = new Harness.ScriptedChatClient();
                    var customer = new App.Privacy.Customer("Alex", "{{Email}}", "{{Phone}}");
                    await new App.Privacy.SupportDesk(model, ErasingRedactor.Instance).AskAsync(customer, "Where is my parcel?");
                    new App.Privacy.BounceLog(loggers.CreateLogger<App.Privacy.BounceLog>()).Record(customer);
                    return recorder.Report(string.Join("\n", model.Prompts));
                }
            }
            """;
        var files = ThrowawayProject.Files(("SupportDesk.cs", desk), ("Entry.cs", entry));

        // Each kind in turn, as a developer would take the offered fixes; Fix All of each kind gives the same code.
        var result = files;
        var fixAll = files;
        foreach (var key in new[] { PersonalDataCodeFixProvider.ConfiguredMethodKey, PersonalDataCodeFixProvider.RedactorKey, PersonalDataCodeFixProvider.ShapeKey })
        {
            result = (await FixApplication.ApplyAsync<PersonalDataAnalyzer, PersonalDataCodeFixProvider>(project, result, key, FixMode.OneByOne, Options)).Files;
            fixAll = (await FixApplication.ApplyAsync<PersonalDataAnalyzer, PersonalDataCodeFixProvider>(project, fixAll, key, FixMode.FixAll, Options)).Files;
        }

        Assert.Equal(result["SupportDesk.cs"], fixAll["SupportDesk.cs"]);

        var text = result["SupportDesk.cs"];
        Assert.Contains("var prompt = $\"Customer {Mask.Email(customer.Email)} asks: {question}\";", text);
        Assert.Contains("await chat.GetResponseAsync($\"Call back {redactor.Redact(customer.PhoneNumber)} about: {question}\");", text);
        Assert.Contains("logger.LogWarning(\"Mail to {Email} bounced; phone on file {Phone}\", Mask.Email(customer.Email), customer.PhoneNumber?.Length);", text);

        await project.BuildAsync(result, Options);
        var run = await project.RunEntryAsync();

        Assert.Equal($"Customer a*** asks: Where is my parcel?\nCall back  about: Where is my parcel?", run.Result);
        Assert.Empty(run.EntriesContaining(Email, Phone));
        var bounce = Assert.Single(run.Entries);
        Assert.Equal("a***", bounce.State["Email"]);
        Assert.Equal(Phone.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), bounce.State["Phone"]);
    }
}
