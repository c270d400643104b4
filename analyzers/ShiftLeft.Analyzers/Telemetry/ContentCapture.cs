using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Telemetry
{
    /// <summary>What turns on the capture of prompt and response content in an AI stack's telemetry, and how it was turned on.</summary>
    internal enum ContentCaptureKind
    {
        /// <summary><c>EnableSensitiveData = true</c> on a Microsoft.Extensions.AI or Agent Framework OpenTelemetry layer.</summary>
        SensitiveDataProperty,

        /// <summary><c>AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", true)</c>.</summary>
        SemanticKernelSwitch,

        /// <summary><c>Environment.SetEnvironmentVariable(&lt;a content-capture variable&gt;, "true")</c>.</summary>
        EnvironmentVariable,

        /// <summary>The Anthropic client's <c>OpenTelemetryTraces.ContentMode = OpenTelemetryContentMode.Content</c>.</summary>
        AnthropicContentMode,
    }

    /// <summary>One place in code that turns content capture on: the operation reported and what it says.</summary>
    internal readonly struct ContentCapture
    {
        public ContentCapture(IOperation operation, ContentCaptureKind kind, string what, string stack, string content = PromptsAndResponses)
        {
            Operation = operation;
            Kind = kind;
            What = what;
            Stack = stack;
            Content = content;
        }

        public const string PromptsAndResponses = "prompts and responses";

        /// <summary>The enabling assignment or call.</summary>
        public IOperation Operation { get; }

        public ContentCaptureKind Kind { get; }

        /// <summary>How it is switched on, as written ("EnableSensitiveData = true").</summary>
        public string What { get; }

        /// <summary>Whose telemetry records the content ("OpenTelemetryChatClient", "Semantic Kernel").</summary>
        public string Stack { get; }

        /// <summary>What ends up in the telemetry ("prompts and responses").</summary>
        public string Content { get; }
    }

    /// <summary>
    /// Recognises the switches that make an AI stack put prompts and responses into its telemetry (verified against
    /// Microsoft.Extensions.AI 10.5-11.0, Microsoft.Agents.AI 1.28, Semantic Kernel 1.82 and Anthropic 13.15, each read
    /// as the library reads it): only a constant "on" is a finding; a value computed at run time (configuration, <c>env.IsDevelopment()</c>) is the
    /// deployment's decision.
    /// </summary>
    internal static class ContentCaptureSwitches
    {
        /// <summary>Semantic Kernel's AppContext switch for sensitive GenAI diagnostics (its environment-variable twin is below).</summary>
        public const string SemanticKernelSwitch = "Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive";

        // The GenAI semantic conventions' variable: Microsoft.Extensions.AI's OpenTelemetry layers take it as the default of
        // EnableSensitiveData when it is "true" in any case (nothing else, not even with spaces).
        private const string GenAiContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

        // Semantic Kernel's twin of its AppContext switch, read with bool.TryParse.
        private const string SemanticKernelVariable = "SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE";

        /// <summary>A simple assignment that switches content capture on.</summary>
        public static bool TryRead(ISimpleAssignmentOperation assignment, out ContentCapture capture)
        {
            capture = default;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                return false;
            }

            // The name first: this runs for every property assignment of the compilation.
            switch (property.Name)
            {
                case "EnableSensitiveData" when IsAiTelemetryNamespace(property.ContainingType) && assignment.Value.ConstantValue is { HasValue: true, Value: true }:
                    // A workflow's telemetry records what its executors pass each other: the agents' prompts and responses
                    // where agents take part, whatever text the workflow handles otherwise.
                    capture = property.ContainingType.Name == "WorkflowTelemetryOptions"
                        ? new ContentCapture(assignment, ContentCaptureKind.SensitiveDataProperty, "EnableSensitiveData = true", "the workflow", "the messages its executors exchange (agents' prompts and responses among them)")
                        : new ContentCapture(assignment, ContentCaptureKind.SensitiveDataProperty, "EnableSensitiveData = true", property.ContainingType.Name);
                    return true;
                case "ContentMode" when property.ContainingType?.Name == "OpenTelemetryTraces" && Namespaces.Contains(property.ContainingType, "Anthropic")
                    && OperationScope.Unwrap(assignment.Value) is IFieldReferenceOperation { Field: { Name: "Content", ContainingType.Name: "OpenTelemetryContentMode" } }:
                    capture = new ContentCapture(assignment, ContentCaptureKind.AnthropicContentMode, "ContentMode = OpenTelemetryContentMode.Content", "the Anthropic client");
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A call that switches content capture on: the Semantic Kernel AppContext switch or a content-capture environment variable.</summary>
        public static bool TryRead(IInvocationOperation invocation, out ContentCapture capture)
        {
            capture = default;
            var method = invocation.TargetMethod;
            if (method.Name is not ("SetSwitch" or "SetEnvironmentVariable") || invocation.Arguments.Length < 2
                || method.ContainingType?.ContainingNamespace is not { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return false;
            }

            var name = ArgumentValue(invocation, 0).ConstantValue;
            var value = ArgumentValue(invocation, 1).ConstantValue;
            if (!name.HasValue || name.Value is not string text || !value.HasValue)
            {
                return false;
            }

            if (method.Name == "SetSwitch" && method.ContainingType.Name == "AppContext"
                && string.Equals(text, SemanticKernelSwitch, StringComparison.Ordinal) && value.Value is true)
            {
                capture = new ContentCapture(invocation, ContentCaptureKind.SemanticKernelSwitch, $"the AppContext switch {SemanticKernelSwitch}", "Semantic Kernel");
                return true;
            }

            if (method.Name == "SetEnvironmentVariable" && method.ContainingType.Name == "Environment" && value.Value is string setting)
            {
                var on = text switch
                {
                    GenAiContentVariable => string.Equals(setting, "true", StringComparison.OrdinalIgnoreCase),
                    SemanticKernelVariable => bool.TryParse(setting, out var parsed) && parsed,
                    _ => false,
                };
                if (on)
                {
                    var stack = text == SemanticKernelVariable ? "Semantic Kernel" : "Microsoft.Extensions.AI";
                    capture = new ContentCapture(invocation, ContentCaptureKind.EnvironmentVariable, $"{text}={setting.Trim()}", stack);
                    return true;
                }
            }

            return false;
        }

        /// <summary>The argument for the parameter at <paramref name="ordinal"/> (arguments may be named and reordered).</summary>
        private static IOperation ArgumentValue(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return invocation.Arguments[ordinal].Value;
        }

        private static bool IsAiTelemetryNamespace(INamedTypeSymbol? type) =>
            Namespaces.Contains(type, "Microsoft.Extensions.AI") || Namespaces.Contains(type, "Microsoft.Agents.AI");
    }
}
