using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.PersonalData;
using ShiftLeft.Analyzers.Tests.Verification;
using AuditLog = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// Models that run in the application's process (LLamaSharp, ONNX Runtime GenAI, Semantic Kernel's ONNX connector,
/// SmartComponents' local embeddings): SL0004 does not apply to a call on one, nor SL0001 to an embedding computed by one;
/// generative calls stay under SL0001. Ollama or any HTTP client stays a remote model, on localhost too. On the real
/// LLamaSharp 0.30 and Microsoft.ML.OnnxRuntimeGenAI 0.20 packages; the SmartComponents and SK ONNX packages are not
/// served here, and are matched by their full type names (declared below with those names).
/// </summary>
public sealed class InProcessModelTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using LLama;
        using LLama.Abstractions;
        using LLama.Common;
        using Microsoft.Extensions.AI;
        using OllamaSharp;

        """;

    [Fact]
    public async Task A_customer_email_goes_to_a_LLamaSharp_or_ONNX_client_unreported_and_to_OpenAI_or_Ollama_on_localhost_reported()
    {
        var source = "using Microsoft.ML.OnnxRuntimeGenAI;\n" + Usings + PersonalDataTest.Usings + """
            class Support
            {
                async Task Answer(Customer customer, InteractiveExecutor executor, OpenAI.OpenAIClient openAi)
                {
                    IChatClient local = executor.AsChatClient();
                    await local.GetResponseAsync("Write to " + customer.Email);

                    using var onnx = new OnnxRuntimeGenAIChatClient("models/phi-3");
                    await onnx.GetResponseAsync("Write to " + customer.Email);

                    IChatClient remote = openAi.GetChatClient("gpt-4o").AsIChatClient();
                    await remote.GetResponseAsync({|#0:"Write to " + customer.Email|});

                    IChatClient ollama = new OllamaApiClient(new Uri("http://localhost:11434"), "llama3");
                    await ollama.GetResponseAsync({|#1:"Write to " + customer.Email|});
                }
            }
            """;
        var test = PersonalDataTest.CreateModel(source);
        test.ExpectedDiagnostics.AddRange(
        [
            Model(0, "Personal data 'customer.Email' is sent to a model by 'ChatClientExtensions.GetResponseAsync': redact it before it enters the prompt"),
            Model(1, "Personal data 'customer.Email' is sent to a model by 'ChatClientExtensions.GetResponseAsync': redact it before it enters the prompt"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_generative_call_on_an_in_process_model_still_needs_its_audit_log()
    {
        var source = Usings + """
            class Support
            {
                async Task<string> Answer(InteractiveExecutor executor, string question)
                {
                    IChatClient local = executor.AsChatClient();
                    var response = await local.{|#0:GetResponseAsync(question)|};
                    return response.Text;
                }
            }
            """;
        await AuditLog.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task An_embedding_computed_in_the_process_needs_no_audit_log_and_one_from_Ollama_on_localhost_does()
    {
        var source = Usings + """
            class Search
            {
                private readonly IEmbeddingGenerator<string, Embedding<float>> _local;

                Search(LLamaWeights weights, ModelParams parameters) => _local = new LLamaEmbedder(weights, parameters);

                async Task Index(string text)
                {
                    await _local.GenerateAsync([text]);

                    IEmbeddingGenerator<string, Embedding<float>> ollama = new OllamaApiClient(new Uri("http://localhost:11434"), "all-minilm");
                    await ollama.{|#0:GenerateAsync([text])|};
                }
            }
            """;
        await AuditLog.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task The_applications_own_embedder_over_an_in_process_runtime_is_followed_into_the_private_tool_class_it_is_given_to()
    {
        // dotnet/eShopSupport's DataGenerator: LocalTextEmbeddingGenerator wraps a local embedder in a field, and the
        // generator hands it to its private AssistantTools class, which embeds the manual and the query.
        var source = Usings + """
            public sealed class LocalTextEmbeddingGenerator(LLamaWeights weights, ModelParams parameters) : IEmbeddingGenerator<string, Embedding<float>>
            {
                private readonly LLamaEmbedder _embedder = new(weights, parameters);
                public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
                    ((IEmbeddingGenerator<string, Embedding<float>>)_embedder).GenerateAsync(values, options, cancellationToken);
                public object? GetService(Type serviceType, object? serviceKey = null) => null;
                public void Dispose() => _embedder.Dispose();
            }

            public class ManualSearch(LLamaWeights weights, ModelParams parameters)
            {
                private readonly IEmbeddingGenerator<string, Embedding<float>> embedder = new LocalTextEmbeddingGenerator(weights, parameters);

                public Task<string> Local(string query) => new SearchTools(embedder).Search(query);

                public Task<string> Remote(string query) => new RemoteSearchTools(new OllamaApiClient(new Uri("http://localhost:11434"), "all-minilm")).Search(query);

                private sealed class SearchTools(IEmbeddingGenerator<string, Embedding<float>> embedder)
                {
                    public async Task<string> Search(string query) => (await embedder.GenerateAsync([query])).Count.ToString();
                }

                private sealed class RemoteSearchTools(IEmbeddingGenerator<string, Embedding<float>> embedder)
                {
                    public async Task<string> Search(string query) => (await embedder.{|#0:GenerateAsync([query])|}).Count.ToString();
                }
            }
            """;
        await AuditLog.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task An_injected_embedding_service_registered_in_process_needs_no_audit_log()
    {
        // dotnet/eShopSupport's backend: AddScoped<ITextEmbeddingGenerationService, LocalTextEmbeddingGenerationService>(),
        // the service injected into a minimal-API handler and a search service.
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel.Embeddings;

            namespace SmartComponents.LocalEmbeddings.SemanticKernel
            {
                public sealed class LocalTextEmbeddingGenerationService : ITextEmbeddingGenerationService
                {
                    public System.Collections.Generic.IReadOnlyDictionary<string, object?> Attributes { get; } = new System.Collections.Generic.Dictionary<string, object?>();
                    public Task<System.Collections.Generic.IList<System.ReadOnlyMemory<float>>> GenerateEmbeddingsAsync(System.Collections.Generic.IList<string> data, Microsoft.SemanticKernel.Kernel? kernel = null, System.Threading.CancellationToken cancellationToken = default) =>
                        Task.FromResult<System.Collections.Generic.IList<System.ReadOnlyMemory<float>>>(new System.ReadOnlyMemory<float>[data.Count]);
                }
            }

            static class Startup
            {
                static void Register(IServiceCollection services) =>
                    services.AddScoped<ITextEmbeddingGenerationService, SmartComponents.LocalEmbeddings.SemanticKernel.LocalTextEmbeddingGenerationService>();
            }

            class ProductManualSemanticSearch(ITextEmbeddingGenerationService embedder)
            {
                async Task Search(string query) => await embedder.GenerateEmbeddingAsync(query);
            }
            """;
        await AuditLog.VerifyAsync(source);
    }

    [Fact]
    public async Task An_embedding_service_with_no_registration_in_process_still_needs_its_audit_log()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel.Embeddings;

            class ProductManualSemanticSearch(ITextEmbeddingGenerationService embedder)
            {
                async Task Search(string query) => await embedder.{|#0:GenerateEmbeddingAsync(query)|};
            }
            """;
        await AuditLog.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task The_application_lists_its_own_in_process_runtime_in_editorconfig()
    {
        var source = Usings + """
            namespace Contoso.Vectors
            {
                public sealed class LocalVectorizer : IEmbeddingGenerator<string, Embedding<float>>
                {
                    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
                        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
                    public object? GetService(Type serviceType, object? serviceKey = null) => null;
                    public void Dispose() { }
                }
            }

            class Search
            {
                async Task Index(string text)
                {
                    IEmbeddingGenerator<string, Embedding<float>> local = new Contoso.Vectors.LocalVectorizer();
                    await local.{|#0:GenerateAsync([text])|};
                }
            }
            """;
        await AuditLog.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
        await AuditLog.VerifyAsync(source, editorConfig: "shiftleft.in_process_model_types = Contoso.Vectors.LocalVectorizer");
    }

    [Fact]
    public async Task A_tool_offered_only_to_an_in_process_kernel_returns_a_contact_unreported()
    {
        // jochenkluger/LocalAiDemo: a contact plugin imported into a kernel whose only chat service is LLamaSharp's
        // (LLamaSharp.semantic-kernel is not served: its service is declared below under its real name).
        var source = "using System.ComponentModel;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Microsoft.Extensions.DependencyInjection;\n" + PersonalDataTest.Usings + """
            namespace LLamaSharp.SemanticKernel.ChatCompletion
            {
                public sealed class LLamaSharpChatCompletion(LLama.Abstractions.ILLamaExecutor executor) : IChatCompletionService
                {
                    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();
                    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, System.Threading.CancellationToken cancellationToken = default) => throw new NotSupportedException();
                    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, System.Threading.CancellationToken cancellationToken = default) => throw new NotSupportedException();
                }
            }

            public sealed class Contact { public string Name { get; set; } = ""; public string Email { get; set; } = ""; }

            public sealed class ContactPlugin
            {
                [KernelFunction, Description("Finds a contact.")]
                public string GetContact(Contact contact) => contact.Name + " <" + contact.Email + ">";
            }

            public sealed class SharedPlugin
            {
                [KernelFunction, Description("Finds a contact.")]
                public string GetContact(Contact contact) => {|#0:contact.Name|};
            }

            class Chat
            {
                Kernel Local(LLama.InteractiveExecutor executor)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddKeyedSingleton<IChatCompletionService>("llama", (services, key) => new LLamaSharp.SemanticKernel.ChatCompletion.LLamaSharpChatCompletion(executor));
                    builder.Plugins.AddFromObject(new ContactPlugin(), "Contact");
                    builder.Plugins.AddFromObject(new SharedPlugin(), "Shared");
                    return builder.Build();
                }

                Kernel Remote()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddSingleton<IChatClient>(new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3"));
                    builder.Plugins.AddFromType<SharedPlugin>("Shared");
                    return builder.Build();
                }
            }
            """;
        var test = PersonalDataTest.CreateModel(source);
        test.ExpectedDiagnostics.Add(Model(0, "Personal data 'contact.Name' is returned to the model by the tool 'GetContact': redact it before the tool returns it"));
        await test.RunAsync();
    }

    private static DiagnosticResult Model(int markup, string message) =>
        new DiagnosticResult("SL0004", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);
}
