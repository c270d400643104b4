// Usage: var entry = flow.Catalog.Of(method or property); entry?.Role, entry?.Source
// THE catalogue of where outside data enters a program and of what is trusted, as data: one row per API member,
// matched as MemberRows matches (containing type, base type or interface, and name; nothing resolved up front). shiftleft.untrusted_source_methods adds the
// team's own sources. Documented in docs/analyzers.md ("Outside data").
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>What a catalogued member does to the data that passes it.</summary>
    internal enum CatalogRole
    {
        /// <summary>Its result (or the object it creates) is outside data of the entry's kind.</summary>
        Source,

        /// <summary>Reads a file: outside data unless the path (its first string argument) is built only from trusted values.</summary>
        FileByPath,

        /// <summary>Its result is trusted: configuration, options, embedded resources.</summary>
        Trusted,

        /// <summary>A callback given to it receives outside data: its lambda's parameters are sources of the entry's kind.</summary>
        CallbackInput,

        /// <summary>
        /// Chosen by the model (the arguments of a function call it requested): a source of model output when a question
        /// treats model output as a source, otherwise as trusted as the object it is read from.
        /// </summary>
        ModelChosen,
    }

    /// <summary>One row of the catalogue.</summary>
    internal sealed class CatalogEntry
    {
        public CatalogEntry(CatalogRole role, UntrustedSourceKind kind, string description)
        {
            Role = role;
            Kind = kind;
            Description = description;
        }

        public CatalogRole Role { get; }

        public UntrustedSourceKind Kind { get; }

        public string Description { get; }

        public UntrustedSource Source => UntrustedSource.Of(Kind, Description);
    }

    internal sealed class UntrustedSourceCatalog
    {
        /// <summary>The member name the catalogue uses for indexers.</summary>
        public const string Indexer = MemberRows.Indexer;

        /// <summary>The member name the catalogue uses for constructors.</summary>
        public const string Constructor = MemberRows.Constructor;

        private static readonly Dictionary<string, CatalogEntry> Rows = Build();

        // Namespaces whose types are data and text helpers (strings, collections, JSON, streams, request and message
        // objects): a method of one of them that the catalogue does not list returns what it was given (its receiver and
        // arguments). A method of any other metadata type (a service of another assembly) returns an unknown value.
        private static readonly string[] TransformingNamespaces =
        {
            "System", "Microsoft.Extensions.Primitives", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Components", "Newtonsoft.Json",
            "Microsoft.Extensions.AI", "OpenAI", "Microsoft.SemanticKernel", "Anthropic", "Azure.AI.Inference", "OllamaSharp", "Microsoft.Agents.AI",
            "ModelContextProtocol", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Options",
        };

        private readonly SymbolNameList _configured;
        private readonly AnswerCache<ISymbol, CatalogEntry?> _members;

        public UntrustedSourceCatalog(SymbolNameList configuredSources)
        {
            _configured = configuredSources;
            _members = new AnswerCache<ISymbol, CatalogEntry?>(SymbolEqualityComparer.Default, Look);
        }

        /// <summary>The catalogue row of a method, property or constructor (as declared), or null.</summary>
        public CatalogEntry? Of(ISymbol member) => _members.Get(MemberRows.Declared(member));

        /// <summary>Whether an unlisted instance method of <paramref name="type"/> returns what it was given.</summary>
        public static bool IsTransforming(INamedTypeSymbol? type)
        {
            var ns = type?.ContainingNamespace?.ToDisplayString();
            if (ns is null)
            {
                return false;
            }

            foreach (var root in TransformingNamespaces)
            {
                if (ns.Length >= root.Length && ns.StartsWith(root, StringComparison.Ordinal) && (ns.Length == root.Length || ns[root.Length] == '.'))
                {
                    return true;
                }
            }

            return false;
        }

        private CatalogEntry? Look(ISymbol member)
        {
            if (MemberRows.TryFind(Rows, member, out var row))
            {
                return row;
            }

            if (member is IMethodSymbol method && !_configured.IsEmpty && _configured.MatchesMethod(method))
            {
                return new CatalogEntry(CatalogRole.Source, UntrustedSourceKind.Configured, "the result of '" + method.ContainingType?.Name + "." + method.Name + "'");
            }

            return null;
        }

        private static Dictionary<string, CatalogEntry> Build()
        {
            var rows = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);

            void Add(CatalogRole role, UntrustedSourceKind kind, string description, string type, params string[] members)
            {
                var entry = new CatalogEntry(role, kind, description);
                foreach (var member in members)
                {
                    rows[type + "|" + member] = entry;
                }
            }

            void Source(UntrustedSourceKind kind, string description, string type, params string[] members) => Add(CatalogRole.Source, kind, description, type, members);
            void Trusted(string type, params string[] members) => Add(CatalogRole.Trusted, UntrustedSourceKind.Unknown, "trusted", type, members);
            void Callback(UntrustedSourceKind kind, string description, string type, params string[] members) => Add(CatalogRole.CallbackInput, kind, description, type, members);

            // Console input.
            Source(UntrustedSourceKind.ConsoleInput, "console input", "System.Console", "ReadLine", "Read", "ReadKey", "In");
            Source(UntrustedSourceKind.ConsoleInput, "console input", "Spectre.Console.AnsiConsole", "Ask", "Prompt");
            Source(UntrustedSourceKind.ConsoleInput, "console input", "Spectre.Console.AnsiConsoleExtensions", "Ask", "Prompt");

            // Files: outside data unless read from a constant path.
            Add(CatalogRole.FileByPath, UntrustedSourceKind.FileContent, "the content of a file whose path is not a constant", "System.IO.File",
                "ReadAllText", "ReadAllTextAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadLines", "ReadLinesAsync", "ReadAllBytes", "ReadAllBytesAsync", "OpenText", "OpenRead", "Open");
            Add(CatalogRole.FileByPath, UntrustedSourceKind.FileContent, "the content of a file whose path is not a constant", "System.IO.StreamReader", Constructor);
            Add(CatalogRole.FileByPath, UntrustedSourceKind.FileContent, "the content of a file whose path is not a constant", "System.IO.FileStream", Constructor);

            // Network content.
            Source(UntrustedSourceKind.NetworkContent, "content downloaded with HttpClient", "System.Net.Http.HttpClient",
                "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "GetAsync", "SendAsync", "Send", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync");
            Source(UntrustedSourceKind.NetworkContent, "content downloaded with HttpClient", "System.Net.Http.Json.HttpClientJsonExtensions",
                "GetFromJsonAsync", "GetFromJsonAsAsyncEnumerable", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync");
            Source(UntrustedSourceKind.NetworkContent, "content downloaded from the network", "System.Net.WebClient",
                "DownloadString", "DownloadStringTaskAsync", "DownloadData", "DownloadDataTaskAsync", "OpenRead", "OpenReadTaskAsync");
            Source(UntrustedSourceKind.NetworkContent, "a web page downloaded from the network", "HtmlAgilityPack.HtmlWeb", "Load", "LoadFromWebAsync");

            // HTTP request data (ASP.NET Core).
            Source(UntrustedSourceKind.RequestData, "the request body", "Microsoft.AspNetCore.Http.HttpRequest", "Body", "BodyReader");
            Source(UntrustedSourceKind.RequestData, "the request's form", "Microsoft.AspNetCore.Http.HttpRequest", "Form", "ReadFormAsync");
            Source(UntrustedSourceKind.RequestData, "the query string", "Microsoft.AspNetCore.Http.HttpRequest", "Query", "QueryString");
            Source(UntrustedSourceKind.RequestData, "the request headers", "Microsoft.AspNetCore.Http.HttpRequest", "Headers");
            Source(UntrustedSourceKind.RequestData, "the request cookies", "Microsoft.AspNetCore.Http.HttpRequest", "Cookies");
            Source(UntrustedSourceKind.RequestData, "the route values", "Microsoft.AspNetCore.Http.HttpRequest", "RouteValues");
            Source(UntrustedSourceKind.RequestData, "the request path", "Microsoft.AspNetCore.Http.HttpRequest", "Path");
            Source(UntrustedSourceKind.RequestData, "the request body", "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions", "ReadFromJsonAsync");
            Source(UntrustedSourceKind.RequestData, "an uploaded file", "Microsoft.AspNetCore.Http.IFormFile", "OpenReadStream", "CopyTo", "CopyToAsync", "FileName");
            Source(UntrustedSourceKind.RequestData, "the page address", "Microsoft.AspNetCore.Components.NavigationManager", "Uri");
            Source(UntrustedSourceKind.RequestData, "user input in the page", "Microsoft.AspNetCore.Components.ChangeEventArgs", "Value");
            Callback(UntrustedSourceKind.RequestData, "the request parameter", "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions",
                "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods", "Map", "MapFallback");
            Callback(UntrustedSourceKind.RequestData, "user input bound in the component", "Microsoft.AspNetCore.Components.EventCallbackFactoryBinderExtensions", "CreateBinder");
            Callback(UntrustedSourceKind.RequestData, "user input bound in the component", "Microsoft.AspNetCore.Components.CompilerServices.RuntimeHelpers", "CreateInferredBindSetter", "CreateInferredEventCallback");
            Callback(UntrustedSourceKind.RequestData, "user input in the page", "Microsoft.AspNetCore.Components.EventCallbackFactory", "Create");
            Callback(UntrustedSourceKind.SignalRMessage, "a SignalR message", "Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions", "On");

            // Databases and caches.
            Source(UntrustedSourceKind.Database, "a value read from the database", "Microsoft.EntityFrameworkCore.DbContext", "Set", "Find", "FindAsync");
            Source(UntrustedSourceKind.Database, "a value read from the database", "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", "FromSql", "FromSqlInterpolated");
            Source(UntrustedSourceKind.Database, "a value read from the database", "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "SqlQuery", "SqlQueryRaw");
            Source(UntrustedSourceKind.Database, "a value read from the database", "System.Data.Common.DbCommand", "ExecuteScalar", "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync");
            Source(UntrustedSourceKind.Database, "a value read from the database", "System.Data.IDbCommand", "ExecuteScalar", "ExecuteReader");
            Source(UntrustedSourceKind.Database, "a value read from the database", "Dapper.SqlMapper",
                "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync",
                "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryMultiple", "QueryMultipleAsync", "ExecuteScalar", "ExecuteScalarAsync", "ExecuteReader", "ExecuteReaderAsync");
            Source(UntrustedSourceKind.Database, "a value read from a cache", "Microsoft.Extensions.Caching.Distributed.IDistributedCache", "Get", "GetAsync");
            Source(UntrustedSourceKind.Database, "a value read from a cache", "Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", "GetString", "GetStringAsync");
            Source(UntrustedSourceKind.Database, "a value read from a cache", "StackExchange.Redis.IDatabaseAsync", "StringGetAsync", "HashGetAsync", "ListRangeAsync");
            Source(UntrustedSourceKind.Database, "a value read from a cache", "StackExchange.Redis.IDatabase", "StringGet", "HashGet", "ListRange");

            // Retrieved documents (RAG).
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from a vector store", "Microsoft.Extensions.VectorData.VectorStoreCollection",
                "SearchAsync", "SearchEmbeddingAsync", "HybridSearchAsync", "GetAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from a vector store", "Microsoft.Extensions.VectorData.IVectorSearchable", "SearchAsync", "SearchEmbeddingAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from a vector store", "Microsoft.Extensions.VectorData.IKeywordHybridSearchable", "HybridSearchAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from memory", "Microsoft.SemanticKernel.Memory.ISemanticTextMemory", "SearchAsync", "GetAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "search results", "Microsoft.SemanticKernel.Data.ITextSearch", "SearchAsync", "GetTextSearchResultsAsync", "GetSearchResultsAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "web search results", "Microsoft.SemanticKernel.Plugins.Web.IWebSearchEngineConnector", "SearchAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from Kernel Memory", "Microsoft.KernelMemory.IKernelMemory", "SearchAsync", "AskAsync");
            Source(UntrustedSourceKind.RetrievedDocument, "documents retrieved from Azure AI Search", "Azure.Search.Documents.SearchClient", "Search", "SearchAsync", "GetDocument", "GetDocumentAsync");

            // Tool and MCP results.
            Source(UntrustedSourceKind.ToolResult, "an MCP tool result", "ModelContextProtocol.Client.McpClient", "CallToolAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP tool result", "ModelContextProtocol.Client.IMcpClient", "CallToolAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP tool result", "ModelContextProtocol.Client.McpClientExtensions", "CallToolAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP tool result", "ModelContextProtocol.Client.McpClientTool", "CallAsync", "InvokeAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP resource", "ModelContextProtocol.Client.McpClient", "ReadResourceAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP resource", "ModelContextProtocol.Client.McpClientExtensions", "ReadResourceAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP resource", "ModelContextProtocol.Client.McpClientResource", "ReadAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP prompt", "ModelContextProtocol.Client.McpClient", "GetPromptAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP prompt", "ModelContextProtocol.Client.McpClientExtensions", "GetPromptAsync");
            Source(UntrustedSourceKind.ToolResult, "an MCP prompt", "ModelContextProtocol.Client.McpClientPrompt", "GetAsync");
            Source(UntrustedSourceKind.ToolResult, "a tool result", "Microsoft.Extensions.AI.AIFunction", "InvokeAsync");
            Source(UntrustedSourceKind.ToolResult, "a tool result", "Microsoft.Extensions.AI.FunctionResultContent", Constructor);
            Source(UntrustedSourceKind.ToolResult, "a tool result", "Microsoft.SemanticKernel.FunctionResultContent", Constructor);
            Source(UntrustedSourceKind.ToolResult, "a tool result", "OpenAI.Chat.ToolChatMessage", Constructor);
            Source(UntrustedSourceKind.ToolResult, "a tool result", "OpenAI.Chat.ChatMessage", "CreateToolMessage");

            // Chosen by the model: the arguments of the function calls it requests.
            void ModelChosen(string type, params string[] members) => Add(CatalogRole.ModelChosen, UntrustedSourceKind.ModelOutput, "the arguments of a function call the model requested", type, members);
            ModelChosen("Microsoft.Extensions.AI.FunctionCallContent", "Arguments");
            ModelChosen("Microsoft.Extensions.AI.FunctionInvocationContext", "Arguments");
            ModelChosen("Microsoft.SemanticKernel.FunctionCallContent", "Arguments");
            ModelChosen("Microsoft.SemanticKernel.AutoFunctionInvocationContext", "Arguments");
            ModelChosen("OpenAI.Chat.ChatToolCall", "FunctionArguments");
            ModelChosen("OpenAI.Responses.FunctionCallResponseItem", "FunctionArguments");
            ModelChosen("Anthropic.Models.Messages.ToolUseBlock", "Input");

            // Trusted: configuration, options, environment, embedded resources.
            Trusted("Microsoft.Extensions.Configuration.IConfiguration", Indexer, "GetSection", "GetChildren");
            Trusted("Microsoft.Extensions.Configuration.IConfigurationSection", "Value");
            Trusted("Microsoft.Extensions.Configuration.ConfigurationBinder", "GetValue", "Get", "Bind");
            Trusted("Microsoft.Extensions.Configuration.ConfigurationExtensions", "GetConnectionString", "GetRequiredSection");
            Trusted("Microsoft.Extensions.Options.IOptions", "Value");
            Trusted("Microsoft.Extensions.Options.IOptionsMonitor", "CurrentValue", "Get");
            Trusted("Microsoft.Extensions.Options.IOptionsSnapshot", "Get");
            Trusted("System.Environment", "GetEnvironmentVariable");
            Trusted("System.Reflection.Assembly", "GetManifestResourceStream");
            Trusted("System.Resources.ResourceManager", "GetString", "GetObject", "GetStream");
            return rows;
        }
    }
}
