using ShiftLeft.Analyzers.CodeFixes.Telemetry;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.Telemetry.PromptContentInTelemetryAnalyzer, ShiftLeft.Analyzers.CodeFixes.Telemetry.PromptContentInTelemetryCodeFixProvider>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0011 fixes: content capture becomes development-only, asked of the host environment in scope; Fix All works.</summary>
public sealed class PromptContentInTelemetryCodeFixTests
{
    [Fact]
    public async Task Switched_on_values_become_the_environments_development_check()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Hosting;

            class Setup(IHostEnvironment env)
            {
                IChatClient Build(IChatClient inner) => inner.AsBuilder()
                    .UseOpenTelemetry(configure: o => [|o.EnableSensitiveData = true|])
                    .Build();

                IChatClient Direct(IChatClient inner) => new OpenTelemetryChatClient(inner) { [|EnableSensitiveData = true|] };

                void Switch() => [|AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true)|];
            }
            """;
        const string fixedSource = """
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Hosting;

            class Setup(IHostEnvironment env)
            {
                IChatClient Build(IChatClient inner) => inner.AsBuilder()
                    .UseOpenTelemetry(configure: o => o.EnableSensitiveData = env.IsDevelopment())
                    .Build();

                IChatClient Direct(IChatClient inner) => new OpenTelemetryChatClient(inner) { EnableSensitiveData = env.IsDevelopment() };

                void Switch() => AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", env.IsDevelopment());
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = PromptContentInTelemetryCodeFixProvider.DevelopmentOnlyKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task With_a_host_builder_its_environment_guards_an_environment_variable_and_the_anthropic_content_mode()
    {
        const string source = """
            using System;
            using Anthropic.Core;
            using Microsoft.Extensions.Hosting;

            static class Program
            {
                static void Configure(IHostApplicationBuilder builder)
                {
                    [|Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")|];
                    var traces = new OpenTelemetryTraces { [|ContentMode = OpenTelemetryContentMode.Content|] };
                }
            }
            """;
        const string fixedSource = """
            using System;
            using Anthropic.Core;
            using Microsoft.Extensions.Hosting;

            static class Program
            {
                static void Configure(IHostApplicationBuilder builder)
                {
                    if (builder.Environment.IsDevelopment())
                    {
                        Environment.SetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
                    }
                    var traces = new OpenTelemetryTraces { ContentMode = builder.Environment.IsDevelopment() ? OpenTelemetryContentMode.Content : OpenTelemetryContentMode.MetadataOnly };
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = PromptContentInTelemetryCodeFixProvider.DevelopmentOnlyKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_without_a_host_environment_in_scope_or_with_two_to_choose_from()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Hosting;

            class NoEnvironment
            {
                IChatClient Build(IChatClient inner) => inner.AsBuilder().UseOpenTelemetry(configure: o => [|o.EnableSensitiveData = true|]).Build();
            }

            class TwoEnvironments(IHostEnvironment first, IHostEnvironment second)
            {
                void Switch() => [|AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true)|];
            }
            """;
        await Fix.VerifyAsync(source, source);
    }
}
