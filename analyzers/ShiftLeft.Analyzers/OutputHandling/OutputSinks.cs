// Usage: foreach (var sink in shiftLeft.OutputSinks.Of(operation)) ...   // the dangerous values an operation hands on
// THE catalogue of dangerous sinks of SL0007, as data: one row per API member, matched by its containing type (or a
// base type or interface) and name, never by signature, and the row names the PARAMETERS that are dangerous (a SQL
// command's text, not its connection; a file's path, not its contents), so every overload counts. Types are named as
// strings and nothing is resolved up front: an API whose assembly is not referenced never matches. Answers are cached
// per member, so a call costs a dictionary look-up after the first of its kind. Documented in docs/rules/SL0007.md.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal sealed class OutputSinks
    {
        private const string AnyMethod = "*";
        private const string Constructor = ".ctor";
        private const string ExplicitConversion = "op_Explicit";

        private static readonly Dictionary<string, SinkRow> Rows = Build();

        // The cheap trigger: the member names of the rows and the simple names of the types whose every method is a
        // sink. A call, assignment or conversion whose names are in neither is not looked up (most of a method's calls).
        private static readonly HashSet<string> MemberNames = Names(row => row.Substring(row.IndexOf('|') + 1));
        private static readonly HashSet<string> AnyMethodTypes = Names(row => row.EndsWith("|" + AnyMethod, StringComparison.Ordinal)
            ? row.Substring(row.LastIndexOf('.', row.IndexOf('|')) + 1, row.IndexOf('|') - row.LastIndexOf('.', row.IndexOf('|')) - 1)
            : null);

        private readonly AnswerCache<ISymbol, SinkRow?> _members = new(SymbolEqualityComparer.Default, Look);

        /// <summary>The dangerous values a call, creation, assignment or conversion hands to a sink (usually none).</summary>
        public IEnumerable<OutputSink> Of(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when MightBeSink(invocation.TargetMethod) && Row(invocation.TargetMethod) is { } row:
                    return Arguments(row, invocation, invocation.Arguments, invocation.TargetMethod);
                case IObjectCreationOperation { Constructor: { } constructor } creation when Row(constructor) is { } row:
                    return Arguments(row, creation, creation.Arguments, constructor);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when MemberNames.Contains(target.Property.Name) && Row(target.Property) is { } row:
                    return new[] { new OutputSink(row.Kind, assignment, assignment.Value, Describe(row.Kind, target.Property)) };
                case IConversionOperation { OperatorMethod: { Name: ExplicitConversion } conversion, IsImplicit: false } converted when Row(conversion) is { } row:
                    return new[] { new OutputSink(row.Kind, converted, converted.Operand, Describe(row.Kind, conversion)) };
                default:
                    return Array.Empty<OutputSink>();
            }
        }

        private static bool MightBeSink(IMethodSymbol method) =>
            MemberNames.Contains(method.Name) || (method.ContainingType is { } type && AnyMethodTypes.Contains(type.Name));

        private static HashSet<string> Names(Func<string, string?> select)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in Rows.Keys)
            {
                if (select(row) is { } name)
                {
                    names.Add(name);
                }
            }

            return names;
        }

        private SinkRow? Row(ISymbol member) => _members.Get(member is IMethodSymbol method ? (method.ReducedFrom ?? method).OriginalDefinition : member.OriginalDefinition);

        private static IEnumerable<OutputSink> Arguments(SinkRow row, IOperation reported, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IMethodSymbol method)
        {
            if (row.NeedsTypeNames && !TypeNameHandling.IsOn(arguments))
            {
                yield break;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter || Array.IndexOf(row.Parameters, parameter.Name) < 0)
                {
                    continue;
                }

                if (parameter.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object || parameter.Type.Name == "Stream")
                {
                    yield return new OutputSink(row.Kind, reported, argument.Value, Describe(row.Kind, method));
                }
            }
        }

        private static string Describe(OutputSinkKind kind, ISymbol member)
        {
            var type = member.ContainingType?.Name ?? string.Empty;
            var name = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.Conversion } => type,
                _ => type + "." + member.Name,
            };
            return kind switch
            {
                OutputSinkKind.Sql => "the SQL text of '" + name + "'",
                OutputSinkKind.Process => "the program or arguments '" + name + "' starts",
                OutputSinkKind.Html => "the raw markup of '" + name + "'",
                OutputSinkKind.Code => "the code, assembly or type '" + name + "' loads",
                OutputSinkKind.Path => "the file-system path of '" + name + "'",
                OutputSinkKind.Redirect => "the address '" + name + "' redirects to",
                _ => "the type-named deserialisation of '" + name + "'",
            };
        }

        private static SinkRow? Look(ISymbol member)
        {
            var name = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor } => Constructor,
                _ => member.Name,
            };
            var isOrdinaryMethod = member is IMethodSymbol { MethodKind: MethodKind.Ordinary };
            for (var type = member.ContainingType; type is not null; type = type.BaseType)
            {
                var typeName = TypeNames.FullName(type);
                if (Rows.TryGetValue(typeName + "|" + name, out var row) || (isOrdinaryMethod && Rows.TryGetValue(typeName + "|" + AnyMethod, out row)))
                {
                    return row;
                }
            }

            if (name != Constructor && member.ContainingType is { } containing)
            {
                foreach (var implemented in containing.AllInterfaces)
                {
                    if (Rows.TryGetValue(TypeNames.FullName(implemented) + "|" + name, out var row))
                    {
                        return row;
                    }
                }
            }

            return null;
        }

        private static Dictionary<string, SinkRow> Build()
        {
            var rows = new Dictionary<string, SinkRow>(StringComparer.Ordinal);

            void Add(OutputSinkKind kind, string type, string[] members, params string[] parameters)
            {
                foreach (var member in members)
                {
                    rows[type + "|" + member] = new SinkRow(kind, parameters, needsTypeNames: false);
                }
            }

            string[] Members(params string[] names) => names;

            // SQL text: ADO.NET commands (any provider's command derives from DbCommand), EF Core's raw-SQL methods, Dapper.
            // EF Core's FromSql/FromSqlInterpolated/ExecuteSql/SqlQuery take a FormattableString and send its values as parameters: not sinks.
            Add(OutputSinkKind.Sql, "System.Data.Common.DbCommand", Members(Constructor), "cmdText", "commandText");
            Add(OutputSinkKind.Sql, "System.Data.Common.DbCommand", Members("CommandText"));
            Add(OutputSinkKind.Sql, "System.Data.IDbCommand", Members("CommandText"));
            Add(OutputSinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", Members("FromSqlRaw"), "sql");
            Add(OutputSinkKind.Sql, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", Members("ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw"), "sql");
            Add(OutputSinkKind.Sql, "Dapper.SqlMapper", Members(AnyMethod), "sql");
            Add(OutputSinkKind.Sql, "Dapper.CommandDefinition", Members(Constructor), "commandText");

            // Process start.
            Add(OutputSinkKind.Process, "System.Diagnostics.Process", Members("Start"), "fileName", "arguments");
            Add(OutputSinkKind.Process, "System.Diagnostics.ProcessStartInfo", Members(Constructor), "fileName", "arguments");
            Add(OutputSinkKind.Process, "System.Diagnostics.ProcessStartInfo", Members("FileName", "Arguments"));

            // Raw HTML.
            Add(OutputSinkKind.Html, "Microsoft.AspNetCore.Components.MarkupString", Members(Constructor, ExplicitConversion), "value");
            Add(OutputSinkKind.Html, "Microsoft.AspNetCore.Html.HtmlString", Members(Constructor), "value");
            Add(OutputSinkKind.Html, "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", Members("Raw"), "value");

            // Code and type loading.
            Add(OutputSinkKind.Code, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", Members("EvaluateAsync", "RunAsync", "Create"), "code");
            Add(OutputSinkKind.Code, "System.Reflection.Assembly", Members("Load"), "assemblyString");
            Add(OutputSinkKind.Code, "System.Reflection.Assembly", Members("LoadFrom", "UnsafeLoadFrom"), "assemblyFile");
            Add(OutputSinkKind.Code, "System.Reflection.Assembly", Members("LoadFile"), "path");
            Add(OutputSinkKind.Code, "System.Type", Members("GetType"), "typeName");
            Add(OutputSinkKind.Code, "System.Activator", Members("CreateInstance", "CreateInstanceFrom"), "assemblyName", "assemblyFile", "typeName");

            // File-system paths (not the contents written).
            Add(OutputSinkKind.Path, "System.IO.File", Members(AnyMethod), "path", "sourceFileName", "destFileName", "destinationFileName", "destinationBackupFileName");
            Add(OutputSinkKind.Path, "System.IO.Directory", Members(AnyMethod), "path", "sourceDirName", "destDirName");
            Add(OutputSinkKind.Path, "System.IO.FileStream", Members(Constructor), "path");
            Add(OutputSinkKind.Path, "System.IO.FileInfo", Members(Constructor), "fileName");
            Add(OutputSinkKind.Path, "System.IO.DirectoryInfo", Members(Constructor), "path");
            Add(OutputSinkKind.Path, "System.IO.StreamReader", Members(Constructor), "path");
            Add(OutputSinkKind.Path, "System.IO.StreamWriter", Members(Constructor), "path");

            // Redirects (LocalRedirect refuses other sites: not a sink).
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Http.HttpResponse", Members("Redirect"), "location");
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Http.Results", Members("Redirect"), "url");
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Http.TypedResults", Members("Redirect"), "url");
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Mvc.ControllerBase", Members("Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod"), "url");
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", Members("Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod"), "url");
            Add(OutputSinkKind.Redirect, "Microsoft.AspNetCore.Mvc.RedirectResult", Members(Constructor), "url");

            // Type-named deserialisation: Json.NET with TypeNameHandling other than None (BinaryFormatter always).
            rows["Newtonsoft.Json.JsonConvert|DeserializeObject"] = new SinkRow(OutputSinkKind.Deserialization, new[] { "value" }, needsTypeNames: true);
            Add(OutputSinkKind.Deserialization, "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter", Members("Deserialize"), "serializationStream");
            return rows;
        }

        private sealed class SinkRow
        {
            public SinkRow(OutputSinkKind kind, string[] parameters, bool needsTypeNames)
            {
                Kind = kind;
                Parameters = parameters;
                NeedsTypeNames = needsTypeNames;
            }

            public OutputSinkKind Kind { get; }

            /// <summary>The dangerous parameters, by name (empty for a property: the assigned value).</summary>
            public string[] Parameters { get; }

            /// <summary>A sink only when its settings make it instantiate the types the text names.</summary>
            public bool NeedsTypeNames { get; }
        }
    }
}
