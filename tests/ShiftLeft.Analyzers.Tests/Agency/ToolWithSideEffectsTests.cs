using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.AI;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Agency.ToolWithSideEffectsAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Agency;

/// <summary>
/// SL0008 on the real packages (Microsoft.Extensions.AI 11, Microsoft.Agents.AI 1.28, Semantic Kernel 1.82, EF Core 10,
/// Dapper 2.1): a tool that acts on the world, exposed to automatic invocation without approval, is reported on the
/// element of the tools list or the plugin import call; approval, auto-invoke off, [AllowAutoInvoke] and read-only tools
/// are not.
/// </summary>
public sealed class ToolWithSideEffectsTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using System.Data.Common;
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Net.Mail;
        using Dapper;
        using Microsoft.Agents.AI;
        using Microsoft.EntityFrameworkCore;

        """;

    private const string Store = """
        public sealed class Order { public int Id { get; set; } public string Status { get; set; } = ""; }

        public sealed class ShopDb : Microsoft.EntityFrameworkCore.DbContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
        }

        """;

    private const string Pipeline = """
        static class Pipeline
        {
            public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();
        }

        """;

    [Fact]
    public async Task A_tool_that_saves_through_a_helper_is_reported_on_its_tools_list_element_and_a_reading_tool_is_not()
    {
        const string source = Usings + Store + Pipeline + """
            class OrderTools(ShopDb db)
            {
                public async Task<string> CloseOrder(int id)
                {
                    var order = await db.Orders.FindAsync(id);
                    return await Persist(order!);
                }

                private async Task<string> Persist(Order order)
                {
                    order.Status = "closed";
                    await db.SaveChangesAsync();
                    return "ok";
                }

                public string GetOrder(int id) => db.Orders.Where(o => o.Id == id).Select(o => o.Status).Single();

                public ChatOptions Options() => new()
                {
                    Tools = [{|#0:AIFunctionFactory.Create(CloseOrder)|}, AIFunctionFactory.Create(GetOrder)],
                };
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0,
            "'CloseOrder' writes a database: it calls OrderTools.Persist, which calls DbContext.SaveChangesAsync, and the model invokes it automatically with no human approval: wrap it in ApprovalRequiredAIFunction, or mark the method [AllowAutoInvoke(\"why\")] if acting unasked is intended"));
    }

    [Fact]
    public async Task A_tool_named_for_an_act_is_reported_even_when_its_body_reaches_the_world_through_an_interface()
    {
        const string source = Usings + Pipeline + """
            public interface INotifier { Task Notify(string who, string text); }

            class Reminders(INotifier notifier)
            {
                public Task SendReminder(string who) => notifier.Notify(who, "reminder");
                public string OrderStatus(int id) => "shipped";
                public string OrderBy(string field) => field;
                public string Payments() => "none";
                public string Sender() => "me";

                public void Configure(ChatOptions options)
                {
                    options.Tools = [{|#0:AIFunctionFactory.Create(SendReminder)|}, AIFunctionFactory.Create(OrderStatus), AIFunctionFactory.Create(OrderBy),
                        AIFunctionFactory.Create(Payments), AIFunctionFactory.Create(Sender)];
                    options.Tools.Add({|#1:AIFunctionFactory.Create((int id) => $"cancelled {id}", name: "cancel_booking")|});
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: [
            Expected(0, "'SendReminder' acts on the world: its name says so ('Send'), and the model invokes it automatically with no human approval: wrap it in ApprovalRequiredAIFunction, or mark the method [AllowAutoInvoke(\"why\")] if acting unasked is intended"),
            Expected(1, "'cancel_booking' acts on the world: its name says so ('Cancel'), and the model invokes it automatically with no human approval: wrap it in ApprovalRequiredAIFunction, or mark the method [AllowAutoInvoke(\"why\")] if acting unasked is intended"),
        ]);
    }

    [Fact]
    public async Task A_tool_registry_returning_its_list_is_what_the_model_is_given_when_the_compilation_invokes_tools()
    {
        const string source = Usings + Pipeline + """
            public interface IIntegration { IReadOnlyList<AIFunction> GetFunctions(); }

            public sealed class MailIntegration(SmtpClient smtp) : IIntegration
            {
                public IReadOnlyList<AIFunction> GetFunctions() =>
                [
                    AIFunctionFactory.Create(ListMessages, "mail_list"),
                    {|#0:AIFunctionFactory.Create(SendMessage, "mail_send")|},
                ];

                private string ListMessages() => "none";

                private void SendMessage(string to, string body) => smtp.Send("bot@example.test", to, "", body);
            }

            static class Registry
            {
                public static ChatOptions Options(IEnumerable<IIntegration> integrations) => new() { Tools = [.. integrations.SelectMany(i => i.GetFunctions())] };
            }
            """;
        await Verify.VerifyAsync(source, expected: Listed(0, "'mail_send' sends mail: it calls SmtpClient.Send"));
    }

    [Fact]
    public async Task Calls_through_an_interface_are_followed_into_its_implementations_and_a_namespaced_tool_name_is_read_after_its_prefix()
    {
        const string source = Usings + Pipeline + """
            public interface IArchive { void Drop(string name); string Read(string name); }

            public sealed class DiskArchive : IArchive
            {
                public void Drop(string name) => File.Delete(name);
                public string Read(string name) => File.ReadAllText(name);
            }

            public abstract class Notifier { public abstract void Notify(string text); }

            public sealed class QuietNotifier : Notifier { public override void Notify(string text) { } }

            class ArchiveTools(IArchive archive, Notifier notifier)
            {
                public void Prune(string name) => archive.Drop(name);
                public string Show(string name) => archive.Read(name);
                public void Ping(string text) => notifier.Notify(text);

                public ChatOptions Options() => new()
                {
                    Tools =
                    [
                        {|#0:AIFunctionFactory.Create(Prune)|}, AIFunctionFactory.Create(Show), AIFunctionFactory.Create(Ping),
                        {|#1:AIFunctionFactory.Create((string id) => id, "crm_delete_contact")|}, AIFunctionFactory.Create((string id) => id, "crm_order_status"),
                        {|#2:AIFunctionFactory.Create((string id) => id, new AIFunctionFactoryOptions { Name = "refund_payment" })|},
                    ],
                };
            }
            """;
        await Verify.VerifyAsync(source, expected: [
            Listed(0, "'Prune' deletes files: it calls DiskArchive.Drop, which calls File.Delete"),
            Listed(1, "'crm_delete_contact' acts on the world: its name says so ('Delete')"),
            Listed(2, "'refund_payment' acts on the world: its name says so ('Refund')"),
        ]);
    }

    [Fact]
    public async Task Http_files_processes_mail_and_Dapper_writes_are_side_effects_and_reads_are_not()
    {
        const string source = Usings + Pipeline + """
            class Effects(HttpClient http, DbConnection connection)
            {
                public Task<HttpResponseMessage> Publish(string body) => http.PostAsync("https://example.test/posts", new StringContent(body));
                public Task<string> Read(string url) => http.GetStringAsync(url);
                public Task<HttpResponseMessage> Purge()
                {
                    var request = new HttpRequestMessage(HttpMethod.Delete, "https://example.test/cache");
                    return http.SendAsync(request);
                }
                public Task<HttpResponseMessage> Fetch() => http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://example.test/"));
                public void Archive(string path) => File.WriteAllText(path, "archived");
                public string Load(string path) => File.ReadAllText(path);
                public void Run(string command) => Process.Start(command);
                public void Mail(string to) => new SmtpClient("smtp.example.test").Send("app@example.test", to, "hi", "hello");
                public Task<int> Forget(int id) => connection.ExecuteAsync("DELETE FROM Notes WHERE Id = @id", new { id });
                public Task<IEnumerable<string>> Notes() => connection.QueryAsync<string>("SELECT Text FROM Notes");

                public ChatOptions Options() => new()
                {
                    Tools =
                    [
                        {|#0:AIFunctionFactory.Create(Publish)|}, AIFunctionFactory.Create(Read), {|#1:AIFunctionFactory.Create(Purge)|},
                        AIFunctionFactory.Create(Fetch), {|#2:AIFunctionFactory.Create(Archive)|}, AIFunctionFactory.Create(Load),
                        {|#3:AIFunctionFactory.Create(Run)|}, {|#4:AIFunctionFactory.Create(Mail)|}, {|#5:AIFunctionFactory.Create(Forget)|},
                        AIFunctionFactory.Create(Notes),
                    ],
                };
            }
            """;
        await Verify.VerifyAsync(source, expected: [
            Listed(0, "'Publish' sends HTTP POST: it calls HttpClient.PostAsync"),
            Listed(1, "'Purge' sends HTTP DELETE: it calls HttpClient.SendAsync"),
            Listed(2, "'Archive' writes files: it calls File.WriteAllText"),
            Listed(3, "'Run' starts a process: it calls Process.Start"),
            Listed(4, "'Mail' sends mail: it calls SmtpClient.Send"),
            Listed(5, "'Forget' writes a database: it calls Dapper.ExecuteAsync"),
        ]);
    }

    [Fact]
    public async Task Approval_an_allowance_and_tools_no_client_invokes_by_itself_are_not_reported()
    {
        const string approved = Usings + Store + Pipeline + """
            [AttributeUsage(AttributeTargets.Method)]
            sealed class AllowAutoInvokeAttribute(string why) : Attribute { public string Why { get; } = why; }

            class OrderTools(ShopDb db)
            {
                public Task<int> DeleteOrder(int id) => db.SaveChangesAsync();

                [AllowAutoInvoke("refunds under 5 EUR are automatic by policy")]
                public Task<int> RefundSmallAmount(int id) => db.SaveChangesAsync();

                public ChatOptions Options() => new()
                {
                    Tools = [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(DeleteOrder)), AIFunctionFactory.Create(RefundSmallAmount)],
                };
            }
            """;
        await Verify.VerifyAsync(approved);

        // Only the abstractions: no function-invoking client and no agent can run the tools, the caller sees the function call and decides.
        const string manual = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class FileTools
            {
                public static void DeleteReport(string name) => System.IO.File.Delete(name);

                public static Task<ChatResponse> Ask(IChatClient client) =>
                    client.GetResponseAsync("hi", new ChatOptions { Tools = [AIFunctionFactory.Create(DeleteReport)] });
            }
            """;
        await Verify.VerifyAsync(manual, references: ShiftLeftReferences.Packages("Microsoft.Extensions.AI.Abstractions"));
    }

    [Fact]
    public async Task Agent_Framework_agents_given_acting_tools_are_reported_through_a_local_list_once()
    {
        const string source = Usings + Store + """
            class Agents(ShopDb db)
            {
                public Task<int> TransferFunds(decimal amount) => db.SaveChangesAsync();
                public Task<int> DeleteOrder(int id) => db.Orders.ExecuteDeleteAsync();

                public AIAgent Banker(IChatClient client) => client.AsAIAgent(instructions: "You move money.", tools: [{|#0:AIFunctionFactory.Create(TransferFunds)|}]);

                public AIAgent Clerk(IChatClient client)
                {
                    List<AITool> tools = [{|#1:AIFunctionFactory.Create(DeleteOrder)|}];
                    var agent = new ChatClientAgent(client, instructions: "You tidy orders.", tools: tools);
                    var options = new ChatOptions { Tools = tools };
                    return agent;
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: [
            Listed(0, "'TransferFunds' writes a database: it calls DbContext.SaveChangesAsync"),
            Listed(1, "'DeleteOrder' writes a database: it calls EntityFrameworkQueryableExtensions.ExecuteDeleteAsync"),
        ]);
    }

    private const string Plugin = """
        using System.ComponentModel;
        using Microsoft.SemanticKernel;

        public sealed class OrderPlugin
        {
            [KernelFunction, Description("Cancels an order")]
            public string CancelOrder(int id) => $"cancelled {id}";

            [KernelFunction("order_status")]
            public string Status(int id) => "shipped";
        }

        """;

    [Fact]
    public async Task A_Semantic_Kernel_plugin_imported_into_a_kernel_the_method_invokes_with_Auto_is_reported_on_the_import()
    {
        const string source = Usings + Plugin + """
            static class Shop
            {
                public static async Task Run()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    {|#0:kernel.ImportPluginFromType<OrderPlugin>()|};
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    await kernel.InvokePromptAsync("Cancel order 7", new(settings));
                }

                public static async Task Manual()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    kernel.Plugins.AddFromObject(new OrderPlugin());
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                    await kernel.InvokePromptAsync("Cancel order 7", new(settings));
                }

                public static void NeverInvoked()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    kernel.Plugins.Add(KernelPluginFactory.CreateFromType<OrderPlugin>());
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0,
            "'CancelOrder' acts on the world: its name says so ('Cancel'), and plugin 'OrderPlugin' is imported into a kernel that invokes functions automatically with no approving filter: add an IAutoFunctionInvocationFilter that asks a human (declared in shiftleft.approver_methods or marked [ToolApprover]), turn auto-invoke off, or mark the function [AllowAutoInvoke(\"why\")]"));
    }

    [Fact]
    public async Task A_kernel_factory_hands_its_plugins_to_the_callers_that_invoke_the_kernel_with_Auto()
    {
        const string source = Usings + Plugin + """
            static class Samples
            {
                public static async Task Generic()
                {
                    Kernel kernel = {|#0:CreateKernelWithPlugin<OrderPlugin>()|};
                    await kernel.InvokePromptAsync("Cancel 7", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
                }

                public static async Task Fixed()
                {
                    var kernel = {|#1:CreateShopKernel()|};
                    await kernel.InvokePromptAsync("Cancel 7", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
                }

                public static async Task Manual()
                {
                    var kernel = CreateShopKernel();
                    await kernel.InvokePromptAsync("Cancel 7", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) }));
                }

                private static Kernel CreateKernelWithPlugin<T>() where T : class
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Plugins.AddFromType<T>();
                    return builder.Build();
                }

                private static Kernel CreateShopKernel()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    kernel.ImportPluginFromType<OrderPlugin>();
                    return kernel;
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: [
            Imported(0, "'CancelOrder' acts on the world: its name says so ('Cancel')", "OrderPlugin"),
            Imported(1, "'CancelOrder' acts on the world: its name says so ('Cancel')", "OrderPlugin"),
        ]);
    }

    [Fact]
    public async Task A_kernel_field_is_followed_through_its_class_and_an_approving_filter_on_it_silences_the_rule()
    {
        const string unapproved = Usings + Plugin + """
            class Assistant
            {
                private readonly Kernel _kernel = Kernel.CreateBuilder().Build();

                public Assistant()
                {
                    {|#0:_kernel.Plugins.AddFromType<OrderPlugin>()|};
                    {|#1:_kernel.Plugins.Add(KernelPluginFactory.CreateFromObject(new OrderPlugin()))|};
                }

                public Task<FunctionResult> Ask(string text) =>
                    _kernel.InvokePromptAsync(text, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() }));
            }
            """;
        var test = Verify.Create(unapproved);
        test.ExpectedDiagnostics.Add(Imported(0, "'CancelOrder' acts on the world: its name says so (\'Cancel\')", "OrderPlugin"));
        test.ExpectedDiagnostics.Add(Imported(1, "'CancelOrder' acts on the world: its name says so (\'Cancel\')", "OrderPlugin"));
        await test.RunAsync();

        const string approved = Usings + Plugin + """
            [AttributeUsage(AttributeTargets.Class)]
            sealed class ToolApproverAttribute : Attribute;

            [ToolApprover]
            sealed class HumanApproval : IAutoFunctionInvocationFilter
            {
                public Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next) => next(context);
            }

            sealed class ConfiguredApproval : IAutoFunctionInvocationFilter
            {
                public Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next) => next(context);
            }

            class Assistant
            {
                private readonly Kernel _kernel = Kernel.CreateBuilder().Build();

                public Assistant()
                {
                    _kernel.Plugins.AddFromType<OrderPlugin>();
                    _kernel.AutoFunctionInvocationFilters.Add(new HumanApproval());
                }

                public Task<FunctionResult> Ask(string text) =>
                    _kernel.InvokePromptAsync(text, new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
            }

            static class Registered
            {
                public static async Task Run()
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Plugins.AddFromType<OrderPlugin>();
                    builder.Services.AddSingleton<IAutoFunctionInvocationFilter, ConfiguredApproval>();
                    var kernel = builder.Build();
                    await kernel.InvokePromptAsync("hi", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
                }
            }
            """;
        await Verify.VerifyAsync("using Microsoft.Extensions.DependencyInjection;\n" + approved, editorConfig: "shiftleft.approver_methods = ConfiguredApproval");
    }

    [Fact]
    public async Task MaximumIterationsPerRequest_above_the_default_is_reported_on_the_assignment()
    {
        const string source = Usings + """
            static class Pipeline
            {
                public static IChatClient Build(IChatClient inner) => inner.AsBuilder()
                    .UseFunctionInvocation(configure: c => {|#0:c.MaximumIterationsPerRequest = 100|})
                    .Build();

                public static IChatClient Bounded(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 40 };

                public static IChatClient Lower(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 5 };
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0,
            "MaximumIterationsPerRequest = 100 lets the model chain up to 100 rounds of automatic tool calls in one request, above FunctionInvokingChatClient's default of 40: keep the default or lower it"));
    }

    [Fact]
    public void The_default_the_rule_compares_with_is_the_real_packages()
    {
        using var client = new Microsoft.Extensions.AI.FunctionInvokingChatClient(new ScriptedNothing());
        Assert.Equal(ShiftLeft.Analyzers.Agency.ToolWithSideEffectsAnalyzer.DefaultMaximumIterationsPerRequest, client.MaximumIterationsPerRequest);
    }

    [Fact]
    public async Task Recursive_helpers_end_and_a_tool_that_only_recurses_is_not_reported()
    {
        const string source = Usings + Pipeline + """
            class Walker
            {
                public int Walk(int n) => n <= 0 ? 0 : Step(n - 1);
                private int Step(int n) => Walk(n);

                public ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(Walk)] };
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task An_approver_name_that_resolves_to_nothing_is_reported_by_SL0005()
    {
        var test = ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Configuration.ConfigurationAnalyzer>.Create("class C { }", editorConfig: "shiftleft.approver_methods = Contoso.NoSuchApprover");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0005", DiagnosticSeverity.Warning).WithArguments("shiftleft.approver_methods", "Contoso.NoSuchApprover"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_an_AI_SDK_nothing_is_reported()
    {
        const string source = """
            class Tools
            {
                public void DeleteEverything() => System.IO.File.Delete("x");
            }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
    }

    private static DiagnosticResult Expected(int markup, string message) =>
        new DiagnosticResult("SL0008", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);

    /// <summary>A tools-list finding: what the tool does, then the sentence every such finding ends with.</summary>
    private static DiagnosticResult Listed(int markup, string acts) => Expected(markup,
        acts + ", and the model invokes it automatically with no human approval: wrap it in ApprovalRequiredAIFunction, or mark the method [AllowAutoInvoke(\"why\")] if acting unasked is intended");

    /// <summary>A plugin-import finding.</summary>
    private static DiagnosticResult Imported(int markup, string acts, string plugin) => Expected(markup,
        acts + $", and plugin '{plugin}' is imported into a kernel that invokes functions automatically with no approving filter: add an IAutoFunctionInvocationFilter that asks a human (declared in shiftleft.approver_methods or marked [ToolApprover]), turn auto-invoke off, or mark the function [AllowAutoInvoke(\"why\")]");

    private sealed class ScriptedNothing : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse());

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
