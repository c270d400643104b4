using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.OutputHandling;
using ShiftLeft.Analyzers.Tests.Integration;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.OutputHandling;

/// <summary>
/// Robustness of SL0007 on its own ground (the sample application has no sink): truncated and malformed versions of a
/// file with every kind of sink, a tool, a helper followed to its callers and a containment check, compiled against the
/// real packages. No exception (AD0001), and the intact file reports what it should.
/// </summary>
public sealed class ModelOutputInSinkRobustnessTests
{
    private const string Source = """
        using System;
        using System.Data;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Reflection;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Newtonsoft.Json;

        public class Order { public int Id { get; set; } }

        public class Everything(IChatClient chat, DbContext db, SqlConnection connection)
        {
            public async Task<object?> Run(string question)
            {
                var text = (await chat.GetResponseAsync(question)).Text;
                using var command = new SqlCommand(text, connection);
                command.CommandText = text + " ORDER BY 1";
                _ = db.Set<Order>().FromSqlRaw($"SELECT * FROM Orders WHERE Name = '{text}'").ToList();
                _ = await connection.QueryAsync<Order>(text);
                Process.Start("sh", "-c " + text);
                _ = new MarkupString(text);
                _ = Type.GetType(text);
                _ = Assembly.LoadFrom(text);
                _ = Results.Redirect(text);
                _ = JsonConvert.DeserializeObject(text, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto });
                return await Helper(text);
            }

            private Task<int> Helper(string sql) => new SqlCommand(sql, connection).ExecuteNonQueryAsync();

            [KernelFunction]
            public string Read(string path)
            {
                var full = Path.GetFullPath(Path.Combine("/data", path));
                return full.StartsWith("/data/", StringComparison.Ordinal) ? File.ReadAllText(full) : File.ReadAllText(Path.GetFileName(path));
            }
        }
        """;

    [Fact]
    public async Task No_exception_on_truncated_or_malformed_sink_code_and_the_intact_file_is_reported()
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelOutputInSinkAnalyzer());
        var exceptions = new List<string>();
        var intact = await Analyze(Source);
        Assert.Equal(12, intact.Count(diagnostic => diagnostic.Id == "SL0007"));

        var variants = 0;
        foreach (var variant in MalformedSourceTests.Variants(Source))
        {
            variants++;
            exceptions.AddRange((await Analyze(variant)).Where(diagnostic => diagnostic.Id == "AD0001").Select(diagnostic => diagnostic.ToString()));
        }

        Assert.True(variants > 10);
        Assert.True(exceptions.Count == 0, string.Join("\n\n", exceptions.Take(5)));

        async Task<ImmutableArray<Diagnostic>> Analyze(string text)
        {
            var compilation = await NetCompilation.CreateAsync([text], ShiftLeftReferences.WithAspNetCore);
            return await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false)).GetAnalyzerDiagnosticsAsync();
        }
    }
}
