using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.OutputHandling.ModelOutputInSinkAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.OutputHandling;

/// <summary>
/// SL0007 on the real packages (Microsoft.Extensions.AI, OpenAI, Semantic Kernel, Agent Framework, Anthropic,
/// ModelContextProtocol; EF Core Relational, Dapper, Microsoft.Data.SqlClient, Json.NET, ASP.NET Core): model output —
/// response text, structured output, function-call arguments, tool parameters — reaching each kind of sink is reported
/// on the sink; parameters, encoders, containment checks, IsLocalUrl and output validators keep it quiet.
/// </summary>
public sealed class ModelOutputInSinkTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private const string ExpectedSqlHint = "send model-chosen values as SQL parameters (FromSqlInterpolated, ExecuteSqlInterpolated, DbParameter), or check model-written SQL with an output validator (shiftleft.output_validation_methods or [OutputValidator]) and run it read-only";

    [Fact]
    public async Task Model_written_SQL_run_by_SqlCommand_is_reported_on_the_creation_and_names_the_model_call()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;

            class TextToSql(IChatClient chat, SqlConnection connection)
            {
                public async Task<object?> Ask(string question)
                {
                    var response = await chat.GetResponseAsync("Write one T-SQL query answering: " + question);
                    using var command = {|#0:new SqlCommand(response.Text, connection)|};
                    return await command.ExecuteScalarAsync();
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0, "The response of 'ChatClientExtensions.GetResponseAsync' reaches the SQL text of 'SqlCommand' unchecked: " + ExpectedSqlHint));
    }

    [Fact]
    public async Task CommandText_EF_Core_raw_SQL_and_Dapper_are_SQL_sinks()
    {
        const string source = Usings + """
            using Dapper;
            using Microsoft.EntityFrameworkCore;
            using OpenAI.Chat;

            class Order { public int Id { get; set; } }

            class Shop(DbContext db, IDbConnection connection, ChatClient client)
            {
                async Task<string> Sql(string question)
                {
                    ChatCompletion completion = await client.CompleteChatAsync(question);
                    return completion.Content[0].Text;
                }

                public async Task Run(string question)
                {
                    var sql = await Sql(question);
                    var command = connection.CreateCommand();
                    {|#0:command.CommandText = sql|};
                    _ = {|#1:db.Set<Order>().FromSqlRaw(sql)|}.ToList();
                    await {|#2:db.Database.ExecuteSqlRawAsync("DELETE FROM Orders WHERE " + sql)|};
                    _ = {|#3:db.Database.SqlQueryRaw<int>(sql)|}.ToList();
                    _ = await {|#4:connection.QueryAsync<Order>(sql)|};
                    {|#5:connection.Execute(sql: sql, param: new { Id = 1 })|};
                }
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.AddRange(At(0, 1, 2, 3, 4, 5));

        await test.RunAsync();
    }

    [Fact]
    public async Task Parameterised_SQL_is_not_a_sink_and_constants_are_not_model_output()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;

            class Order { public int Id { get; set; } public string Name { get; set; } = ""; }

            class Shop(DbContext db, SqlConnection connection, IChatClient chat)
            {
                public async Task Run(string question)
                {
                    var name = (await chat.GetResponseAsync(question)).Text;
                    _ = db.Set<Order>().FromSqlInterpolated($"SELECT * FROM Orders WHERE Name = {name}").ToList();
                    _ = db.Set<Order>().FromSql($"SELECT * FROM Orders WHERE Name = {name}").ToList();
                    await db.Database.ExecuteSqlAsync($"DELETE FROM Orders WHERE Name = {name}");
                    _ = db.Set<Order>().FromSqlRaw("SELECT * FROM Orders WHERE Name = {0}", name).ToList();
                    using var command = new SqlCommand("SELECT * FROM Orders WHERE Name = @name", connection);
                    command.Parameters.AddWithValue("@name", name);
                    command.CommandText = "SELECT 1";
                    var count = int.Parse((await chat.GetResponseAsync(question)).Text);
                    command.CommandText = "SELECT TOP " + count + " * FROM Orders";
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Request_data_in_a_sink_is_not_this_rule()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;

            class Reports(SqlConnection connection, IChatClient chat)
            {
                public async Task Run(string filter)
                {
                    _ = await chat.GetResponseAsync(filter);
                    using var command = new SqlCommand("SELECT * FROM T WHERE " + filter, connection);
                    _ = File.ReadAllText(Console.ReadLine()!);
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Process_start_is_a_sink_for_the_program_and_its_arguments()
    {
        const string source = Usings + """
            class Shell(IChatClient chat)
            {
                public async Task Run(string task)
                {
                    var command = (await chat.GetResponseAsync(task)).Text;
                    {|#0:Process.Start("bash", "-c " + command)|};
                    var info = new ProcessStartInfo("git");
                    {|#1:info.Arguments = command|};
                    var other = {|#2:new ProcessStartInfo(command) { UseShellExecute = false }|};
                    Process.Start(info);
                    Process.Start("git", "status");
                }
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.AddRange(At(0, 1, 2));

        await test.RunAsync();
    }

    [Fact]
    public async Task Raw_HTML_is_a_sink_unless_encoded()
    {
        const string source = Usings + """
            using System.Net;
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Html;

            class Answer(IChatClient chat, Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper html)
            {
                public async Task<object[]> Render(string question)
                {
                    var text = (await chat.GetResponseAsync(question)).Text;
                    return new object[]
                    {
                        {|#4:html.Raw(text)|},
                        html.Raw(WebUtility.HtmlEncode(text)),
                        {|#0:new MarkupString(text)|},
                        {|#1:(MarkupString)text|},
                        {|#2:new HtmlString("<p>" + text + "</p>")|},
                        new MarkupString(WebUtility.HtmlEncode(text)),
                        (MarkupString)HtmlEncoder.Default.Encode(text),
                        {|#3:new HtmlString(JavaScriptEncoder.Default.Encode(text))|},
                        new MarkupString("<b>fixed</b>"),
                    };
                }
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(At(0, 1, 2, 3, 4));
        await test.RunAsync();
    }

    [Fact]
    public async Task Markdown_rendered_by_Markdig_is_raw_HTML_unless_the_pipeline_disables_HTML()
    {
        const string source = Usings + """
            using Markdig;
            using Microsoft.AspNetCore.Components;

            class Answer(IChatClient chat)
            {
                private static readonly MarkdownPipeline Safe = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
                private static readonly MarkdownPipeline Rich = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

                public async Task<MarkupString[]> Render(string question)
                {
                    var markdown = (await chat.GetResponseAsync(question)).Text;
                    var local = new MarkdownPipelineBuilder().DisableHtml().Build();
                    return
                    [
                        {|#0:new MarkupString(Markdown.ToHtml(markdown))|},
                        {|#1:new MarkupString(Markdown.ToHtml(markdown, Rich))|},
                        new MarkupString(Markdown.ToHtml(markdown, Safe)),
                        new MarkupString(Markdown.ToHtml(markdown, local)),
                    ];
                }
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(At(0, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task Tool_parameters_are_chosen_by_the_model()
    {
        const string source = Usings + """
            using System.ComponentModel;
            using Microsoft.SemanticKernel;
            using ModelContextProtocol.Server;

            class FilePlugin
            {
                [KernelFunction, Description("Reads a file")]
                public string Read(string path) => {|#0:File.ReadAllText(path)|};

                public string NotATool(string path) => File.ReadAllText(path);
            }

            [McpServerToolType]
            static class Tools
            {
                [McpServerTool]
                public static void Delete(string name) => {|#1:Directory.Delete(name, recursive: true)|};

                public static void Write(string fileName, string content) => {|#2:File.WriteAllText(fileName, content)|};

                public static AIFunction Expose() => AIFunctionFactory.Create(Write);
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("The tool argument 'path' (the model chooses it) reaches the file-system path of 'File.ReadAllText' unchecked: keep it inside one folder (Path.GetFullPath(Path.Combine(root, name)) checked with StartsWith(root)) or map it with an output validator"));
        test.ExpectedDiagnostics.AddRange(At(1, 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_containment_check_makes_a_path_safe_and_GetFileName_alone_does_not()
    {
        const string source = Usings + """
            using Microsoft.SemanticKernel;

            class FilePlugin
            {
                private const string Root = "/srv/files/";

                [KernelFunction]
                public string Contained(string name)
                {
                    var full = Path.GetFullPath(Path.Combine(Root, name));
                    if (!full.StartsWith(Root, StringComparison.Ordinal))
                    {
                        throw new ArgumentException("outside the folder", nameof(name));
                    }

                    return File.ReadAllText(full);
                }

                [KernelFunction]
                public string FileNameOnly(string name) => {|#0:File.ReadAllText(Path.Combine(Root, Path.GetFileName(name)))|};

                [KernelFunction]
                public byte[] ThroughAHelper(string path) => File.ReadAllBytes(Validated(path));

                [KernelFunction]
                public bool ProbedBeforeTheCheck(string path)
                {
                    var canonical = Canonical(path);
                    var exists = File.Exists(canonical);
                    var folder = Path.GetDirectoryName(canonical)!;
                    return exists && (folder + "/").StartsWith(Root, StringComparison.Ordinal);
                }

                private static string Canonical(string path) => Path.GetFullPath(path);

                private static string Validated(string path)
                {
                    var canonical = Canonical(path);
                    return canonical.StartsWith(Root, StringComparison.Ordinal) ? canonical : throw new UnauthorizedAccessException(path);
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task Function_call_arguments_Semantic_Kernel_Agent_Framework_and_Anthropic_output_are_model_output()
    {
        const string source = Usings + """
            using Microsoft.Agents.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            class Runner(Kernel kernel, IChatCompletionService service, AIAgent agent, IChatClient chat)
            {
                public async Task Run(string question, ChatHistory history)
                {
                    var result = await kernel.InvokePromptAsync(question);
                    {|#0:Process.Start(result.GetValue<string>()!)|};
                    {|#1:Process.Start(result.ToString())|};
                    var message = await service.GetChatMessageContentAsync(history);
                    {|#2:Process.Start(message.Content!)|};
                    var run = await agent.RunAsync(question);
                    {|#3:Process.Start(run.Text)|};
                    var response = await chat.GetResponseAsync(question);
                    foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>())
                    {
                        {|#4:Process.Start((string)call.Arguments!["program"]!)|};
                    }

                    await foreach (var update in chat.GetStreamingResponseAsync(question))
                    {
                        {|#5:File.Delete(update.Text)|};
                    }
                }
            }
            """;
        var test = Verify.Create(source);
        test.ExpectedDiagnostics.AddRange(At(0, 1, 2, 3, 4, 5));

        await test.RunAsync();
    }

    [Fact]
    public async Task Structured_output_OpenAI_responses_SK_streaming_and_Anthropic_message_text_are_model_output()
    {
        const string source = Usings + """
            using Anthropic;
            using Anthropic.Models.Messages;

            record Plan(string Command);

            class Runner(IChatClient chat, AnthropicClient anthropic, OpenAI.Responses.ResponsesClient responses,
                Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService service)
            {
                public async Task Run(string question)
                {
                    var result = await responses.CreateResponseAsync("gpt-4o-mini", question);
                    {|#2:Process.Start(result.Value.GetOutputText())|};
                    var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
                    history.AddUserMessage(question);
                    await foreach (var chunk in service.GetStreamingChatMessageContentsAsync(history))
                    {
                        {|#3:File.AppendAllText(chunk.Content!, "x")|};
                    }

                    var plan = await chat.GetResponseAsync<Plan>(question);
                    {|#0:Process.Start(plan.Result.Command)|};

                    var message = await anthropic.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 512,
                        Messages = [new UserMessageParam { Content = question }],
                    });
                    foreach (var block in message.Content)
                    {
                        if (block.TryPickText(out var text))
                        {
                            {|#1:File.WriteAllText(text.Text, "x")|};
                        }
                    }
                }
            }
            """;
        var test = Verify.Create(source);
        // In source order: the responses and streaming calls come first.
        test.ExpectedDiagnostics.AddRange(At(2, 3, 0, 1));

        await test.RunAsync();
    }

    [Fact]
    public async Task Code_and_type_loading_redirects_and_type_named_deserialisation_are_sinks()
    {
        const string source = Usings + """
            using System.Reflection;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Newtonsoft.Json;

            public class AnswerController(IChatClient chat) : Controller
            {
                public async Task<IActionResult> Go(string question)
                {
                    var text = (await chat.GetResponseAsync(question)).Text;
                    _ = {|#0:Type.GetType(text)|};
                    _ = {|#1:Assembly.LoadFrom(text)|};
                    _ = {|#2:Activator.CreateInstance("App", text)|};
                    _ = {|#3:JsonConvert.DeserializeObject(text, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All })|};
                    _ = JsonConvert.DeserializeObject(text, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
                    _ = JsonConvert.DeserializeObject<string[]>(text);
                    _ = LocalRedirect(text);
                    _ = {|#4:Results.Redirect(text)|};
                    return {|#5:Redirect(text)|};
                }

                public async Task<IActionResult> Checked(string question)
                {
                    var text = (await chat.GetResponseAsync(question)).Text;
                    return Url.IsLocalUrl(text) ? Redirect(text) : NotFound();
                }
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(At(0, 1, 2, 3, 4, 5));

        await test.RunAsync();
    }

    [Fact]
    public async Task Roslyn_scripting_of_model_written_code_is_a_sink()
    {
        const string source = Usings + """
            using Microsoft.CodeAnalysis.CSharp.Scripting;

            class Calculator(IChatClient chat)
            {
                public async Task<object> Run(string question)
                {
                    var code = (await chat.GetResponseAsync("Write a C# expression computing: " + question)).Text;
                    _ = {|#2:CSharpScript.Create(code)|};
                    await {|#0:CSharpScript.RunAsync(code)|};
                    return await {|#1:CSharpScript.EvaluateAsync(code)|};
                }
            }
            """;
        // Roslyn's own assemblies (the version the analyzers are built on), as the sample's references.
        var roslyn = new[]
        {
            typeof(Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript), typeof(Microsoft.CodeAnalysis.Scripting.ScriptOptions),
            typeof(Microsoft.CodeAnalysis.Compilation), typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation),
        }.Select(type => (MetadataReference)MetadataReference.CreateFromFile(type.Assembly.Location));
        var test = Verify.Create(source, references: ShiftLeftReferences.AllSdks.AddRange(roslyn));
        test.ExpectedDiagnostics.AddRange(At(2, 0, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task Output_validators_configured_marked_or_named_as_checks_end_the_taint()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;

            [AttributeUsage(AttributeTargets.Method)]
            sealed class OutputValidatorAttribute : Attribute { }

            static class SqlPolicy
            {
                public static bool IsReadOnlySelect(string sql) => sql.StartsWith("SELECT ", StringComparison.OrdinalIgnoreCase);

                [OutputValidator]
                public static string EnsureReadOnly(string sql) => IsReadOnlySelect(sql) ? sql : throw new InvalidOperationException();
            }

            class TextToSql(IChatClient chat, SqlConnection connection)
            {
                public async Task Checked(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    if (!SqlPolicy.IsReadOnlySelect(sql))
                    {
                        return;
                    }

                    using var command = new SqlCommand(sql, connection);
                }

                public async Task Returned(string question)
                {
                    using var command = new SqlCommand(SqlPolicy.EnsureReadOnly((await chat.GetResponseAsync(question)).Text), connection);
                }

                public async Task Unchecked(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    using var command = {|#0:new SqlCommand(sql, connection)|};
                }

                public async Task NamedCheck(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    var verdict = ValidateQuery(sql);
                    if (!verdict)
                    {
                        return;
                    }

                    using var command = new SqlCommand(sql, connection);
                }

                public async Task FrameworkCheckOnly(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    if (string.IsNullOrWhiteSpace(sql) || Validated(sql))
                    {
                        return;
                    }

                    using var command = {|#1:new SqlCommand(sql, connection)|};
                }

                private static bool ValidateQuery(string sql) => !sql.Contains(';');

                private static bool Validated(string sql) => sql.Length > 0;
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.output_validation_methods = SqlPolicy.IsReadOnlySelect",
            expected: [new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(0), new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(1)]);
    }

    [Fact]
    public async Task A_helper_parameter_is_followed_back_to_what_its_callers_pass()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;

            interface IExecutor { Task<int> ExecuteAsync(string sql); }

            class SqlExecutor(SqlConnection connection) : IExecutor
            {
                public async Task<int> ExecuteAsync(string sql)
                {
                    using var command = connection.CreateCommand();
                    {|#0:command.CommandText = sql|};
                    return await command.ExecuteNonQueryAsync();
                }

                public Task<int> Fixed(string table)
                {
                    using var command = new SqlCommand("SELECT COUNT(*) FROM " + table, connection);
                    return Task.FromResult(0);
                }
            }

            class TextToSql(IChatClient chat, IExecutor executor, SqlExecutor direct)
            {
                public async Task Ask(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    await executor.ExecuteAsync(sql);
                    await direct.Fixed("Orders");
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("The response of 'ChatClientExtensions.GetResponseAsync' reaches the SQL text of 'SqlCommand.CommandText' unchecked: " + ExpectedSqlHint));
    }

    [Fact]
    public async Task A_quoted_identifier_is_safe_and_a_validator_behind_an_interface_can_be_configured()
    {
        const string source = Usings + """
            using Microsoft.Data.SqlClient;
            using ModelContextProtocol.Server;

            public interface IQueryValidator { bool IsReadOnly(string sql); }

            public sealed class Executor(IQueryValidator validator, SqlConnection connection)
            {
                public void Use(string database)
                {
                    using var command = new SqlCommand($"USE [{database.Replace("]", "]]")}];", connection);
                }

                public void UseUnquoted(string database)
                {
                    using var command = {|#0:new SqlCommand($"USE {database};", connection)|};
                }

                public void Run(string sql)
                {
                    if (!validator.IsReadOnly(sql))
                    {
                        return;
                    }

                    using var command = new SqlCommand(sql, connection);
                }
            }

            [McpServerToolType]
            public sealed class SqlTools(Executor executor)
            {
                [McpServerTool]
                public void Query(string database, string sql)
                {
                    executor.Use(database);
                    executor.UseUnquoted(database);
                    executor.Run(sql);
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.output_validation_methods = IQueryValidator.IsReadOnly",
            expected: new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task Nothing_is_registered_when_no_AI_SDK_is_referenced()
    {
        const string source = """
            using System.Diagnostics;

            class Shell
            {
                public void Run(string command) => Process.Start(command);
            }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
    }

    /// <summary>One SL0007 warning at each markup location, in the order given (the order the diagnostics appear in the source).</summary>
    private static IEnumerable<DiagnosticResult> At(params int[] markups) =>
        markups.Select(markup => new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(markup));

    private static DiagnosticResult Expected(int markup, string message) =>
        new DiagnosticResult("SL0007", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);
}
