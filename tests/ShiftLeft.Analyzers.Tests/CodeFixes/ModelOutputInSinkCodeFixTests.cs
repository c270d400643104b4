using ShiftLeft.Analyzers.CodeFixes.OutputHandling;
using ShiftLeft.Analyzers.Tests.Verification;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.OutputHandling.ModelOutputInSinkAnalyzer, ShiftLeft.Analyzers.CodeFixes.OutputHandling.ModelOutputInSinkCodeFixProvider>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0007's fixes on the real packages: HTML encoding of raw-HTML sinks, parameterised EF Core SQL; none where no standard fix exists.</summary>
public sealed class ModelOutputInSinkCodeFixTests
{
    [Fact]
    public async Task Raw_HTML_is_encoded_with_WebUtility()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.Extensions.AI;

            class Answer(IChatClient chat)
            {
                public async Task<MarkupString[]> Render(string question)
                {
                    var text = (await chat.GetResponseAsync(question)).Text;
                    return [{|SL0007:new MarkupString(text)|}, {|SL0007:(MarkupString)("<p>" + text + "</p>")|}];
                }
            }
            """;
        const string fixedSource = """
            using System.Net;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.Extensions.AI;

            class Answer(IChatClient chat)
            {
                public async Task<MarkupString[]> Render(string question)
                {
                    var text = (await chat.GetResponseAsync(question)).Text;
                    return [new MarkupString(WebUtility.HtmlEncode(text)), (MarkupString)WebUtility.HtmlEncode("<p>" + text + "</p>")];
                }
            }
            """;
        var test = Fix.Create(source, fixedSource, references: ShiftLeftReferences.WithAspNetCore);
        test.CodeActionEquivalenceKey = ModelOutputInSinkCodeFixProvider.EncodeHtmlKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task One_interpolated_EF_Core_value_becomes_a_parameter_and_its_quotes_go()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.AI;

            class Order { public int Id { get; set; } public string Name { get; set; } = ""; }

            class Shop(DbContext db, IChatClient chat)
            {
                public async Task Run(string question)
                {
                    var name = (await chat.GetResponseAsync(question)).Text;
                    _ = {|SL0007:db.Set<Order>().FromSqlRaw($"SELECT * FROM Orders WHERE Name = '{name}'")|}.ToList();
                    await {|SL0007:db.Database.ExecuteSqlRawAsync($"DELETE FROM Orders WHERE Name = {name}")|};
                    _ = {|SL0007:db.Database.SqlQueryRaw<int>($"SELECT Id FROM Orders WHERE Name = N'{name}'")|}.ToList();
                }
            }
            """;
        const string fixedSource = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.AI;

            class Order { public int Id { get; set; } public string Name { get; set; } = ""; }

            class Shop(DbContext db, IChatClient chat)
            {
                public async Task Run(string question)
                {
                    var name = (await chat.GetResponseAsync(question)).Text;
                    _ = db.Set<Order>().FromSqlInterpolated($"SELECT * FROM Orders WHERE Name = {name}").ToList();
                    await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM Orders WHERE Name = {name}");
                    _ = db.Database.SqlQuery<int>($"SELECT Id FROM Orders WHERE Name = {name}").ToList();
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelOutputInSinkCodeFixProvider.ParameteriseSqlKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task Model_written_SQL_two_holes_and_ADO_NET_get_no_fix()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.AI;

            class Order { public int Id { get; set; } }

            class Shop(DbContext db, SqlConnection connection, IChatClient chat)
            {
                public async Task Run(string question)
                {
                    var sql = (await chat.GetResponseAsync(question)).Text;
                    _ = {|SL0007:db.Set<Order>().FromSqlRaw(sql)|}.ToList();
                    _ = {|SL0007:db.Set<Order>().FromSqlRaw($"SELECT * FROM {sql} WHERE Id = {sql.Length}")|}.ToList();
                    using var command = {|SL0007:new SqlCommand(sql, connection)|};
                }
            }
            """;
        await Fix.VerifyAsync(source, source);
    }
}
