using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Telemetry;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Telemetry.PromptContentInTelemetryAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Telemetry;

/// <summary>
/// SL0011 on the real packages: every switch that puts prompts and responses into telemetry (Microsoft.Extensions.AI and
/// Agent Framework OpenTelemetry layers, Semantic Kernel's AppContext switch, the content-capture environment variables,
/// the Anthropic client's content mode) is reported on the enabling assignment or call, unless the code runs only in
/// development.
/// </summary>
public sealed class PromptContentInTelemetryTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Hosting;

        """;

    [Fact]
    public async Task EnableSensitiveData_set_to_true_on_a_chat_client_pipeline_is_reported_on_the_assignment()
    {
        const string source = Usings + """
            class Setup
            {
                IChatClient Build(IChatClient inner) => inner.AsBuilder()
                    .UseOpenTelemetry(sourceName: "app", configure: o => {|#0:o.EnableSensitiveData = true|})
                    .Build();
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0, "EnableSensitiveData = true makes OpenTelemetryChatClient record prompts and responses in telemetry, where users' messages and personal data outlive the request: turn it on only in development (env.IsDevelopment() as the value, or inside if (env.IsDevelopment()))"));
    }

    [Fact]
    public async Task The_layer_created_directly_an_assignment_statement_an_embedding_generator_and_an_agent_are_reported()
    {
        const string source = Usings + """
            using Microsoft.Agents.AI;

            class Setup
            {
                IChatClient Direct(IChatClient inner) => new OpenTelemetryChatClient(inner) { {|#0:EnableSensitiveData = true|} };

                IChatClient Statement(IChatClient inner)
                {
                    var telemetry = new OpenTelemetryChatClient(inner);
                    {|#1:telemetry.EnableSensitiveData = true|};
                    return telemetry;
                }

                IEmbeddingGenerator<string, Embedding<float>> Embeddings(IEmbeddingGenerator<string, Embedding<float>> inner) =>
                    inner.AsBuilder().UseOpenTelemetry(configure: o => {|#2:o.EnableSensitiveData = true|}).Build();

                AIAgent Agent(AIAgent inner) => inner.AsBuilder().UseOpenTelemetry("agents", a => {|#3:a.EnableSensitiveData = true|}).Build();
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(1));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(3));
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        await test.RunAsync();
    }

    [Fact]
    public async Task Semantic_Kernel_switch_environment_variables_and_the_Anthropic_content_mode_are_reported_on_the_call_or_assignment()
    {
        const string source = Usings + """
            using Anthropic;
            using Anthropic.Core;

            static class Startup
            {
                public static void Configure()
                {
                    {|#0:AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true)|};
                    {|#1:Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")|};
                    {|#2:Environment.SetEnvironmentVariable(value: "True", variable: "SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE")|};
                }

                public static AnthropicClient Client() => new()
                {
                    OpenTelemetry = new OpenTelemetryOptions { Traces = new OpenTelemetryTraces { Enabled = true, {|#3:ContentMode = OpenTelemetryContentMode.Content|} } },
                };
            }
            """;
        await Verify.VerifyAsync(
            source,
            expected:
            [
                Expected(0, "the AppContext switch Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive makes Semantic Kernel record prompts and responses in telemetry, where users' messages and personal data outlive the request: turn it on only in development (env.IsDevelopment() as the value, or inside if (env.IsDevelopment()))"),
                Expected(1, "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true makes Microsoft.Extensions.AI record prompts and responses in telemetry, where users' messages and personal data outlive the request: set it only in development (inside if (env.IsDevelopment()))"),
                Expected(2, "SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE=True makes Semantic Kernel record prompts and responses in telemetry, where users' messages and personal data outlive the request: set it only in development (inside if (env.IsDevelopment()))"),
                Expected(3, "ContentMode = OpenTelemetryContentMode.Content makes the Anthropic client record prompts and responses in telemetry, where users' messages and personal data outlive the request: turn it on only in development (env.IsDevelopment() as the value, or inside if (env.IsDevelopment()))"),
            ]);
    }

    [Fact]
    public async Task Switches_that_stay_off_or_are_decided_at_run_time_are_not_reported()
    {
        const string source = Usings + """
            using Anthropic.Core;

            class Settings { public bool CaptureContent { get; set; } }

            class Setup(IHostEnvironment env, Settings settings)
            {
                IChatClient Off(IChatClient inner) => inner.AsBuilder().UseOpenTelemetry(configure: o => o.EnableSensitiveData = false).Build();

                IChatClient FromEnvironment(IChatClient inner) => inner.AsBuilder().UseOpenTelemetry(configure: o => o.EnableSensitiveData = env.IsDevelopment()).Build();

                IChatClient FromSettings(IChatClient inner) => new OpenTelemetryChatClient(inner) { EnableSensitiveData = settings.CaptureContent };

                void Switches()
                {
                    AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnostics", true);
                    AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", false);
                    Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false");
                    // Microsoft.Extensions.AI honours "true" alone (checked on 11.0.0): "1" leaves content capture off.
                    Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "1");
                    Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", "true");
                }

                OpenTelemetryTraces Metadata() => new() { ContentMode = OpenTelemetryContentMode.MetadataOnly };
            }

            // An application's own type with a property of the same name is not an AI telemetry layer.
            class ReportOptions { public bool EnableSensitiveData { get; set; } }
            class Reports { ReportOptions Options() => new() { EnableSensitiveData = true }; }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Content_capture_guarded_by_a_development_check_is_not_reported()
    {
        const string source = Usings + """
            class Setup(IHostEnvironment env)
            {
                private bool _verbose;

                IChatClient InsideIf(IChatClient inner)
                {
                    var builder = inner.AsBuilder();
                    if (env.IsDevelopment())
                    {
                        builder.UseOpenTelemetry(configure: o => o.EnableSensitiveData = true);
                    }

                    return builder.Build();
                }

                IChatClient Combined(IChatClient inner) =>
                    env.IsEnvironment("Development") && _verbose
                        ? inner.AsBuilder().UseOpenTelemetry(configure: o => o.EnableSensitiveData = true).Build()
                        : inner;

                void EarlyExit()
                {
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true);
                }

                void ElseOfTheOpposite()
                {
                    if (!(env.EnvironmentName == Environments.Development))
                    {
                        Console.WriteLine("production");
                    }
                    else
                    {
                        Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
                    }
                }

                void ThroughALocal()
                {
                    var isDevelopment = env.IsEnvironment(Environments.Development);
                    if (isDevelopment)
                    {
                        Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
                    }
                }

                void DebugBuildsOnly()
                {
            #if DEBUG
                    AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true);
            #endif
                }

                [Conditional("DEBUG")]
                static void DebugHelper() =>
                    AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true);
            }
            """;
        var test = Verify.Create(source);
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(source);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parse = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)project.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, parse.WithPreprocessorSymbols("DEBUG"));
        });
        await test.RunAsync();
    }

    [Fact]
    public async Task A_condition_that_also_holds_outside_development_does_not_guard()
    {
        const string source = Usings + """
            class Setup(IHostEnvironment env)
            {
                void Configure(bool verbose)
                {
                    if (env.IsDevelopment() || verbose)
                    {
                        {|#0:AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true)|};
                    }

                    if (!env.IsProduction())
                    {
                        {|#1:Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")|};
                    }
                }
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(1));
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_workflow_recording_its_messages_is_reported_as_what_it_records()
    {
        // The Agent Framework's workflow observability sample: WorkflowBuilder.WithOpenTelemetry(configure: cfg => cfg.EnableSensitiveData = true).
        const string source = Usings + """
            using Microsoft.Agents.AI.Workflows;

            static class Setup
            {
                static Workflow Build(Executor first, Executor second) => new WorkflowBuilder(first)
                    .AddEdge(first, second)
                    .WithOpenTelemetry(configure: cfg => {|#0:cfg.EnableSensitiveData = true|})
                    .Build();
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0, "EnableSensitiveData = true makes the workflow record the messages its executors exchange (agents' prompts and responses among them) in telemetry, where users' messages and personal data outlive the request: turn it on only in development (env.IsDevelopment() as the value, or inside if (env.IsDevelopment()))"));
    }

    [Fact]
    public async Task Nothing_is_registered_when_no_AI_SDK_is_referenced()
    {
        const string source = """
            using System;
            class C { void M() => Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true"); }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
        Assert.Equal(0, await AnalyzerTelemetry.RegisteredActionCountAsync(new PromptContentInTelemetryAnalyzer(), source, ShiftLeftReferences.LoggingOnly));
        Assert.True(await AnalyzerTelemetry.RegisteredActionCountAsync(new PromptContentInTelemetryAnalyzer(), source, ShiftLeftReferences.AllSdks) > 0);
    }

    private static DiagnosticResult Expected(int markup, string message) =>
        new DiagnosticResult("SL0011", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);
}
