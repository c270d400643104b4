using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// SL0001 on a model call made on the Kernel a [KernelFunction] method is handed (Semantic Kernel passes the invoking
/// kernel), against Semantic Kernel 1.82: the call is logged when every kernel the plugin is imported into is — imported
/// directly, through the compilation's own generic method behind an interface (OlivIA's AddPlugin&lt;T&gt;), or registered in
/// a container that logs — and reported when one of them is not, or when no import is in view.
/// </summary>
public sealed class ToolKernelTests
{
    private const string Usings = """
        using System.ComponentModel;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;

        """;

    private static string Plugin(string name) => $$"""
        public sealed class {{name}}
        {
            [KernelFunction, Description("Summarises the doctors on call.")]
            public async Task<string> Summarise(Kernel kernel, string topic)
            {
                var result = await kernel.{|#0:InvokePromptAsync("Summarise the doctors on call in three lines.")|};
                return result.ToString();
            }
        }

        """;

    private static DiagnosticResult NotLogged() => new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0);

    // OlivIA's shape: the controller adds the plugin through IAgent.AddPlugin<T>(), whose implementation imports T into a
    // builder field; another method of the agent registers logging on that builder and builds the kernel.
    private const string AgentImportsThroughAnInterface = """
        public interface IAgent
        {
            void AddPlugin<T>() where T : class;
            void Initialize();
        }

        public sealed class OpenAIAgent : IAgent
        {
            private readonly IKernelBuilder builder;
            private Kernel? kernel;

            public OpenAIAgent() => this.builder = Kernel.CreateBuilder();

            public void AddPlugin<T>() where T : class => this.builder.Plugins.AddFromType<T>();

            public void Initialize()
            {
                this.builder.Services.AddLogging();
                this.kernel = this.builder.Build();
            }
        }

        public sealed class PatientController
        {
            private readonly IAgent agent;
            public PatientController(IAgent agent) => this.agent = agent;

            public void Start()
            {
                this.agent.AddPlugin<PatientManagerPlugin>();
                this.agent.Initialize();
            }
        }

        """;

    [Fact]
    public Task A_tool_kernel_is_logged_when_its_plugin_is_imported_into_a_logged_kernel_through_a_generic_method_behind_an_interface() =>
        Verify.VerifyAsync(Usings + Plugin("PatientManagerPlugin") + AgentImportsThroughAnInterface);

    [Fact]
    public Task A_tool_kernel_is_not_logged_when_the_builder_it_is_imported_into_registers_no_logging() =>
        Verify.VerifyAsync(Usings + Plugin("PatientManagerPlugin") + AgentImportsThroughAnInterface.Replace("this.builder.Services.AddLogging();", string.Empty, StringComparison.Ordinal), expected: NotLogged());

    [Fact]
    public Task A_tool_kernel_is_logged_when_every_kernel_importing_the_plugin_logs_and_not_when_one_does_not() =>
        Verify.VerifyAsync(Usings + Plugin("DoctorsPlugin") + Plugin("PatientsPlugin").Replace("{|#0:", "{|#1:", StringComparison.Ordinal) + """
            public static class Kernels
            {
                public static Kernel Logged()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddLogging();
                    var kernel = builder.Build();
                    kernel.ImportPluginFromType<DoctorsPlugin>();
                    kernel.Plugins.Add(KernelPluginFactory.CreateFromType<PatientsPlugin>());
                    return kernel;
                }

                public static Kernel Plain()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    kernel.ImportPluginFromObject(new PatientsPlugin());
                    return kernel;
                }
            }
            """, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(1));

    // A kernel handed in is judged by the container the compilation registers in any case; a plugin registered there
    // keeps it so (the import is read as the container's kernel, not as a kernel of its own without logging).
    [Fact]
    public Task A_tool_kernel_is_logged_when_the_plugin_is_registered_in_a_container_that_logs() =>
        Verify.VerifyAsync(Usings + Plugin("DoctorsPlugin") + """
            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddLogging();
                    services.AddKernel().Plugins.AddFromType<DoctorsPlugin>();
                }
            }
            """);

    [Fact]
    public Task A_tool_kernel_with_no_import_in_view_is_reported() =>
        Verify.VerifyAsync(Usings + Plugin("DoctorsPlugin"), expected: NotLogged());

    // SL0002 asks the same of a guard: the tool's prompt carries its own parameter (the model's argument).
    private const string GuardedTool = """
        public sealed class PiiBlockingFilter : IPromptRenderFilter
        {
            public async Task OnPromptRenderAsync(PromptRenderContext context, System.Func<PromptRenderContext, Task> next)
            {
                await next(context);
                if (context.RenderedPrompt!.Contains('@'))
                {
                    throw new KernelException("Prompt contains PII information. Operation is canceled.");
                }
            }
        }

        public sealed class FaqPlugin
        {
            [KernelFunction, Description("Answers a question about the clinic.")]
            public async Task<string> Answer(Kernel kernel, string question)
            {
                var result = await kernel.{|#0:InvokePromptAsync("Answer briefly: " + question)|};
                return result.ToString();
            }
        }

        public static class Kernels
        {
            public static Kernel Create()
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<IPromptRenderFilter, PiiBlockingFilter>();
                builder.Plugins.AddFromType<FaqPlugin>();
                return builder.Build();
            }
        }
        """;

    [Fact]
    public Task A_tool_kernel_is_guarded_when_every_kernel_importing_the_plugin_has_a_guarding_filter() =>
        ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, Rule.SL0002>.VerifyAsync(Usings + GuardedTool);

    [Fact]
    public Task A_tool_kernel_is_not_guarded_when_the_kernel_importing_the_plugin_has_no_guard() =>
        ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, Rule.SL0002>.VerifyAsync(
            Usings + GuardedTool.Replace("builder.Services.AddSingleton<IPromptRenderFilter, PiiBlockingFilter>();", string.Empty, System.StringComparison.Ordinal),
            expected: new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0));
}
