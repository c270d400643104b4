using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Configuration;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.PersonalData;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.Rules;

/// <summary>
/// Every finding carries its identity key in Diagnostic.Properties ("ShiftLeftIdentity": rule | assembly | enclosing
/// member's documentation ID | hash of the flagged code's tokens): the same under a reworded message, a reformatted call,
/// lines added above and the method moved to another file; different for another member, other code or another rule.
/// </summary>
public sealed class FindingIdentityTests
{
    private const string Original = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;

        namespace Contoso.Support;

        public sealed partial class Assistant(IChatClient client, ILogger<Assistant> logger)
        {
            public async Task<string> AnswerAsync(string question)
            {
                var response = await client.GetResponseAsync(question);
                return response.Text;
            }

            public void Greet(string email) => logger.LogInformation("Greeting {Email}", email);
        }
        """;

    private const string Kept = """
        using Microsoft.Extensions.Logging;

        namespace Contoso.Support;

        public sealed partial class Assistant(Microsoft.Extensions.AI.IChatClient client, ILogger<Assistant> logger)
        {
            public void Greet(string email) => logger.LogInformation("Greeting {Email}", email);
        }
        """;

    private const string Moved = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Contoso.Support;

        public sealed partial class Assistant
        {
            // Moved from the other file, and laid out differently.
            public async Task<string> AnswerAsync(string question)
            {
                var response = await client.GetResponseAsync(
                    question /* the user's words */);
                return response.Text;
            }
        }
        """;

    [Fact]
    public async Task Every_finding_has_a_key_of_rule_assembly_member_and_code()
    {
        var keys = await KeysAsync([Original]);

        Assert.Equal(
            [
                "SL0001|Support|M:Contoso.Support.Assistant.AnswerAsync(System.String)|",
                "SL0002|Support|M:Contoso.Support.Assistant.AnswerAsync(System.String)|",
                "SL0003|Support|M:Contoso.Support.Assistant.Greet(System.String)|",
            ],
            keys.Select(key => key[..(key.LastIndexOf('|') + 1)]).Order().ToArray());
        Assert.All(keys, key => Assert.Matches("\\|[0-9a-f]{16}$", key));
        // SL0001 and SL0002 flag the same code: one hash, two rules.
        Assert.Single(keys.Where(key => !key.StartsWith("SL0003", StringComparison.Ordinal)).Select(key => key[^16..]).Distinct());
    }

    [Fact]
    public async Task A_moved_reformatted_call_with_a_reworded_message_keeps_its_key()
    {
        var before = await KeysAsync([Original]);
        var after = await KeysAsync([Kept, Moved], "shiftleft.audit_log_methods = Contoso.Support.Assistant.Greet");

        Assert.Equal(before.Order(), after.Order());
    }

    [Fact]
    public async Task Another_call_member_or_assembly_is_another_key_but_other_arguments_are_the_same_call()
    {
        var before = await KeysAsync([Original]);
        var otherArgument = await KeysAsync([Original.Replace("GetResponseAsync(question)", "GetResponseAsync(question.Trim())", StringComparison.Ordinal)]);
        var otherCall = await KeysAsync([Original.Replace("GetResponseAsync(question)", "GetStreamingResponseAsync(question).ToChatResponseAsync()", StringComparison.Ordinal)]);
        var otherMember = await KeysAsync([Original.Replace("AnswerAsync", "ReplyAsync", StringComparison.Ordinal)]);
        var otherAssembly = await KeysAsync([Original], assemblyName: "Support.Admin");

        // Guarding or rewording the prompt changes the arguments, not the call: the model-call findings keep their keys.
        Assert.Equal(before.Where(key => !key.StartsWith("SL0003", StringComparison.Ordinal)).Order(), otherArgument.Where(key => !key.StartsWith("SL0003", StringComparison.Ordinal)).Order());
        Assert.Empty(before.Where(key => key.StartsWith("SL0001", StringComparison.Ordinal)).Intersect(otherCall));
        Assert.Empty(before.Where(key => !key.StartsWith("SL0003", StringComparison.Ordinal)).Intersect(otherMember));
        Assert.Empty(before.Intersect(otherAssembly));
    }

    [Fact]
    public async Task A_configured_name_that_resolves_to_nothing_is_keyed_by_option_and_name()
    {
        var diagnostics = await AnalyzeAsync([Original], "shiftleft.guardrail_methods = Contoso.Missing.Guard", "Support");
        var sl0005 = Assert.Single(diagnostics, diagnostic => diagnostic.Id == "SL0005");
        Assert.StartsWith("SL0005|Support|shiftleft.guardrail_methods|", sl0005.Properties["ShiftLeftIdentity"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_analyzer_of_the_package_writes_the_key_on_every_finding()
    {
        const string Telemetry = """
            using Microsoft.Extensions.AI;

            namespace Contoso.Support;

            public static class Pipeline
            {
                public static IChatClient Build(IChatClient inner) => inner.AsBuilder()
                    .UseOpenTelemetry(configure: telemetry => telemetry.EnableSensitiveData = true)
                    .Build();
            }
            """;
        const string Probe = """
            using System.Threading.Tasks;
            using OpenAI.Chat;

            namespace Contoso.Support;

            public sealed class Probe(ChatClient chat)
            {
                public async Task<bool> PingAsync() => (await chat.CompleteChatAsync([new UserChatMessage("ping")])).Value.Content.Count > 0;
            }
            """;
        var analyzers = typeof(ModelCallAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        var diagnostics = await AnalyzeAsync([Original, Telemetry, Probe], "shiftleft.guardrail_methods = Contoso.Missing.Guard", "Support", analyzers);

        // Every rule these sources break, one analyzer at least each: a new analyzer that forgets the key fails here.
        Assert.Superset(new HashSet<string> { "SL0001", "SL0002", "SL0003", "SL0005", "SL0010", "SL0011" }, diagnostics.Select(d => d.Id).ToHashSet());
        Assert.All(diagnostics, diagnostic => Assert.StartsWith(diagnostic.Id + "|Support|", diagnostic.Properties.GetValueOrDefault("ShiftLeftIdentity") ?? "", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Properties["ShiftLeftIdentity"]!.StartsWith("SL0010|Support|M:Contoso.Support.Probe.PingAsync|", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Properties["ShiftLeftIdentity"]!.StartsWith("SL0011|Support|M:Contoso.Support.Pipeline.Build(Microsoft.Extensions.AI.IChatClient)|", StringComparison.Ordinal));
    }

    private static async Task<List<string>> KeysAsync(string[] sources, string? options = null, string assemblyName = "Support")
    {
        var diagnostics = await AnalyzeAsync(sources, options, assemblyName);
        Assert.All(diagnostics, diagnostic => Assert.True(diagnostic.Properties.ContainsKey("ShiftLeftIdentity"), diagnostic.ToString()));
        return diagnostics.Select(diagnostic => diagnostic.Properties["ShiftLeftIdentity"]!).ToList();
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string[] sources, string? options, string assemblyName, ImmutableArray<DiagnosticAnalyzer>? only = null)
    {
        var compilation = await NetCompilation.CreateAsync(sources, ShiftLeftReferences.AllSdks, assemblyName);
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        var analyzers = only ?? ImmutableArray.Create<DiagnosticAnalyzer>(new ModelCallAnalyzer(), new PersonalDataAnalyzer(), new ConfigurationAnalyzer());
        var config = new GlobalOptions(options is null ? [] : options.Split('\n').Select(line => line.Split(" = ")).ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim()));
        return await compilation.WithAnalyzers(analyzers, new AnalyzerOptions([], new OptionsProvider(config))).GetAnalyzerDiagnosticsAsync();
    }

    private sealed class GlobalOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }

    private sealed class OptionsProvider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => global;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => global;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => global;
    }
}
