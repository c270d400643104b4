using ShiftLeft.Analyzers.CodeFixes.Telemetry;
using ShiftLeft.Analyzers.Telemetry;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0011 fixes applied, built for real (nullable enabled, -warnaserror, the ShiftLeft analyzers loaded, Microsoft.Extensions.AI
/// 11 and Microsoft.Extensions.Hosting 11) and run under a Production and a Development host: before the fix the
/// production host records prompt content, after it only the development host does.
/// </summary>
public sealed class PromptContentInTelemetryRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Telemetry = """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Hosting;

        namespace App.Telemetry;

        public static class ChatTelemetry
        {
            public static IChatClient Build(IChatClient inner, IHostEnvironment environment) => inner.AsBuilder()
                .UseOpenTelemetry(sourceName: "App.Chat", configure: telemetry => telemetry.EnableSensitiveData = true)
                .Build();
        }

        public static class Diagnostics
        {
            public static void Configure(IHostApplicationBuilder builder)
            {
                AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true);
                Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
            }
        }
        """;

    private const string Entry = """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Hosting;

        namespace App;

        public static class Entry
        {
            private const string Switch = "Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive";
            private const string Variable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

            public static Task<string> RunAsync()
            {
                var hosts = new List<string>();
                try
                {
                    foreach (var name in new[] { Environments.Production, Environments.Development })
                    {
                        AppContext.SetSwitch(Switch, false);
                        Environment.SetEnvironmentVariable(Variable, null);
                        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = name, DisableDefaults = true });
                        App.Telemetry.Diagnostics.Configure(builder);
                        using var client = App.Telemetry.ChatTelemetry.Build(new Harness.ScriptedChatClient(), builder.Environment);
                        var sensitive = client.GetService<OpenTelemetryChatClient>()?.EnableSensitiveData;
                        AppContext.TryGetSwitch(Switch, out var switched);
                        hosts.Add($"{name}: data={sensitive} switch={switched} variable={Environment.GetEnvironmentVariable(Variable) ?? "unset"}");
                    }
                }
                finally
                {
                    AppContext.SetSwitch(Switch, false);
                    Environment.SetEnvironmentVariable(Variable, null);
                }

                return Task.FromResult(new Harness.LogRecorder().Report(string.Join("|", hosts)));
            }
        }
        """;

    [Fact]
    public async Task After_the_fix_only_a_development_host_records_prompt_content_and_the_build_has_no_warning()
    {
        var files = ThrowawayProject.Files(("Telemetry.cs", Telemetry), ("Entry.cs", Entry));
        // Before: the same code, its SL0011 findings lowered to suggestions so that the warnings-as-errors build runs it.
        await project.BuildAsync(files, "dotnet_diagnostic.SL0011.severity = suggestion");
        var before = await project.RunEntryAsync();
        Assert.Equal("Production: data=True switch=True variable=true|Development: data=True switch=True variable=true", before.Result);

        var oneByOne = await FixApplication.ApplyAsync<PromptContentInTelemetryAnalyzer, PromptContentInTelemetryCodeFixProvider>(
            project, files, PromptContentInTelemetryCodeFixProvider.DevelopmentOnlyKey, FixMode.OneByOne);
        var fixAll = await FixApplication.ApplyAsync<PromptContentInTelemetryAnalyzer, PromptContentInTelemetryCodeFixProvider>(
            project, files, PromptContentInTelemetryCodeFixProvider.DevelopmentOnlyKey, FixMode.FixAll);

        Assert.Empty(oneByOne.Unfixed);
        Assert.Equal(3, oneByOne.Applied);
        Assert.Equal(oneByOne.Files["Telemetry.cs"], fixAll.Files["Telemetry.cs"]);
        var text = oneByOne.Files["Telemetry.cs"];
        Assert.Contains("configure: telemetry => telemetry.EnableSensitiveData = environment.IsDevelopment())", text);
        Assert.Contains("AppContext.SetSwitch(\"Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive\", builder.Environment.IsDevelopment());", text);
        Assert.Contains(
            """
                    if (builder.Environment.IsDevelopment())
                    {
                        Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
                    }
            """,
            text);

        await project.BuildAsync(oneByOne.Files);
        var after = await project.RunEntryAsync();
        Assert.Equal("Production: data=False switch=False variable=unset|Development: data=True switch=True variable=true", after.Result);
    }
}
