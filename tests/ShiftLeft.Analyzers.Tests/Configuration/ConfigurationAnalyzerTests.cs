using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Configuration.ConfigurationAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Configuration;

/// <summary>SL0005: every configured name must resolve.</summary>
public sealed class ConfigurationAnalyzerTests
{
    private const string Source = """
        namespace Contoso.Safety
        {
            public static class PromptGuard { public static string Check(string prompt) => prompt; }
            public class Outer { public static class Nested { public static void Log(string s) { } } }
        }
        """;

    [Fact]
    public async Task Names_that_resolve_to_a_type_a_method_a_nested_type_or_an_SDK_member_are_accepted()
    {
        const string config = """
            shiftleft.guardrail_methods = Contoso.Safety.PromptGuard.Check, Contoso.Safety.PromptGuard
            shiftleft.audit_log_methods = Contoso.Safety.Outer.Nested.Log
            shiftleft.model_call_methods = OpenAI.Chat.ChatClient.CompleteChat
            shiftleft.personal_data_attributes = CustomerData
            shiftleft.personal_data_names = loyaltynumber
            """;
        await Verify.VerifyAsync(Source, editorConfig: config);
    }

    [Fact]
    public async Task Each_name_that_resolves_to_nothing_is_reported_with_its_option_even_without_an_AI_SDK()
    {
        const string config = """
            shiftleft.guardrail_methods = Contoso.Safety.PromptGuard.Chek, Contoso.Safety.PromptGaurd
            shiftleft.redaction_methods = Contoso.Privacy.Redact
            shiftleft.personal_data_attributes = Contoso.Missing.CustomerDataAttribute
            shiftleft.untrusted_source_methods = Contoso.Tickets.Latest
            """;
        await Verify.VerifyAsync(Source, editorConfig: config, references: ShiftLeftReferences.LoggingOnly, expected: new[]
        {
            Expected("shiftleft.guardrail_methods", "Contoso.Safety.PromptGuard.Chek"),
            Expected("shiftleft.guardrail_methods", "Contoso.Safety.PromptGaurd"),
            Expected("shiftleft.redaction_methods", "Contoso.Privacy.Redact"),
            Expected("shiftleft.personal_data_attributes", "Contoso.Missing.CustomerDataAttribute"),
            Expected("shiftleft.untrusted_source_methods", "Contoso.Tickets.Latest"),
        });
    }

    [Fact]
    public async Task An_in_process_runtime_is_named_by_a_type_or_a_namespace_and_a_misspelt_one_is_reported()
    {
        const string config = """
            shiftleft.in_process_model_types = Contoso.Safety.PromptGuard, Contoso.Safety, LLama.LLamaEmbedder, Contoso.Inferance
            """;
        await Verify.VerifyAsync(Source, editorConfig: config, expected: Expected("shiftleft.in_process_model_types", "Contoso.Inferance"));
    }

    [Fact]
    public async Task A_misspelt_output_validator_is_reported_and_a_real_one_is_not()
    {
        const string config = "shiftleft.output_validation_methods = Contoso.Safety.PromptGuard.Check, Contoso.Sql.Policy.IsReadOnly";
        await Verify.VerifyAsync(Source, editorConfig: config, references: ShiftLeftReferences.LoggingOnly,
            expected: Expected("shiftleft.output_validation_methods", "Contoso.Sql.Policy.IsReadOnly"));
    }

    [Fact]
    public async Task A_local_function_is_named_by_its_containing_type_and_a_missing_one_is_reported()
    {
        const string topLevel = """
            System.Console.WriteLine(Redact("a@b.example"));

            static string Redact(string text) => "***";
            """;
        const string config = "shiftleft.redaction_methods = Program.Redact, Program.Scrub";
        var test = Verify.Create(topLevel, config, ShiftLeftReferences.LoggingOnly);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected("shiftleft.redaction_methods", "Program.Scrub"));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Expected(string option, string name) =>
        new DiagnosticResult("SL0005", DiagnosticSeverity.Warning).WithArguments(option, name);
}
