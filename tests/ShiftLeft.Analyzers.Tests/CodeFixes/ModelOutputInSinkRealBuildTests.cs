using ShiftLeft.Analyzers.CodeFixes.OutputHandling;
using ShiftLeft.Analyzers.OutputHandling;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>A throwaway project with EF Core on SQLite and Blazor's MarkupString, for SL0007's fixes.</summary>
public sealed class SinkProject : ThrowawayProject
{
    protected override IEnumerable<(string Id, string Version)> ExtraPackages =>
    [
        ("Microsoft.EntityFrameworkCore.Sqlite", "10.0.15"),
        ("Microsoft.AspNetCore.Components", "10.0.15"),
    ];
}

/// <summary>
/// SL0007 fixes applied, built for real (nullable enabled, -warnaserror, the ShiftLeft analyzers and EF Core's own
/// analyzers loaded) and run against a real SQLite database with a model double that answers with an injection:
/// before the fix the model's quote breaks out of the SQL literal and the markup is raw; after it the value is a SQL
/// parameter and the markup is encoded.
/// </summary>
public sealed class ModelOutputInSinkRealBuildTests(SinkProject project) : IClassFixture<SinkProject>
{
    // The rules about the model call itself are not this test's subject.
    private const string OtherRulesOff = """
        dotnet_diagnostic.SL0001.severity = none
        dotnet_diagnostic.SL0002.severity = none
        dotnet_diagnostic.SL0010.severity = none
        """;

    private const string Shop = """
        using Microsoft.AspNetCore.Components;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.AI;

        namespace App.Shop;

        public sealed class Order
        {
            public int Id { get; set; }
            public string Customer { get; set; } = "";
        }

        public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public static class Answers
        {
            public static async Task<int> CountOrdersAsync(ShopContext db, IChatClient chat, string question)
            {
                var customer = (await chat.GetResponseAsync("Which customer is meant? " + question)).Text;
                return await db.Orders.FromSqlRaw($"SELECT * FROM Orders WHERE Customer = '{customer}'").CountAsync();
            }

            public static async Task<string> RenderAsync(IChatClient chat, string question)
            {
                var text = (await chat.GetResponseAsync(question)).Text;
                return new MarkupString(text).Value;
            }
        }
        """;

    private const string Entry = """
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.AI;

        namespace App;

        public static class Entry
        {
            public static async Task<string> RunAsync()
            {
                using var connection = new SqliteConnection("Data Source=:memory:");
                connection.Open();
                var options = new DbContextOptionsBuilder<Shop.ShopContext>().UseSqlite(connection).Options;
                await using var db = new Shop.ShopContext(options);
                await db.Database.EnsureCreatedAsync();
                db.Orders.AddRange(new Shop.Order { Customer = "alice" }, new Shop.Order { Customer = "bob" });
                await db.SaveChangesAsync();

                var orders = await Shop.Answers.CountOrdersAsync(db, new InjectingModel("nobody' OR '1'='1"), "orders of nobody");
                var html = await Shop.Answers.RenderAsync(new InjectingModel("<img src=x onerror=alert(1)>"), "hello");
                return new Harness.LogRecorder().Report($"orders={orders} html={html}");
            }
        }

        /// <summary>The model as a test double: a prompt injection made it answer with an attack.</summary>
        internal sealed class InjectingModel(string answer) : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
        """;

    [Fact]
    public async Task After_the_fixes_the_injected_answer_is_a_SQL_parameter_and_encoded_markup_and_the_build_has_no_warning()
    {
        var files = ThrowawayProject.Files(("Shop.cs", Shop), ("Entry.cs", Entry));
        // Before: SL0007 and EF Core's own raw-SQL warning lowered to suggestions so that the warnings-as-errors build runs it.
        await project.BuildAsync(files, OtherRulesOff + "\ndotnet_diagnostic.SL0007.severity = suggestion\ndotnet_diagnostic.EF1002.severity = suggestion");
        var before = await project.RunEntryAsync();
        Assert.Equal("orders=2 html=<img src=x onerror=alert(1)>", before.Result);

        var sql = await FixApplication.ApplyAsync<ModelOutputInSinkAnalyzer, ModelOutputInSinkCodeFixProvider>(
            project, files, ModelOutputInSinkCodeFixProvider.ParameteriseSqlKey, FixMode.OneByOne, OtherRulesOff);
        var both = await FixApplication.ApplyAsync<ModelOutputInSinkAnalyzer, ModelOutputInSinkCodeFixProvider>(
            project, sql.Files, ModelOutputInSinkCodeFixProvider.EncodeHtmlKey, FixMode.FixAll, OtherRulesOff);

        Assert.Equal(1, sql.Applied);
        Assert.Empty(both.Unfixed);
        var text = both.Files["Shop.cs"];
        Assert.Contains("""db.Orders.FromSqlInterpolated($"SELECT * FROM Orders WHERE Customer = {customer}").CountAsync()""", text);
        Assert.Contains("new MarkupString(WebUtility.HtmlEncode(text)).Value", text);
        Assert.Contains("using System.Net;", text);

        await project.BuildAsync(both.Files, OtherRulesOff);
        var after = await project.RunEntryAsync();
        Assert.Equal("orders=0 html=&lt;img src=x onerror=alert(1)&gt;", after.Result);
    }
}
