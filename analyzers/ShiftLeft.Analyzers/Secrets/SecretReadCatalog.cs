// Usage: flow.Secrets.Of(member) → SecretRead.ConfigurationKey for IConfiguration's indexer, … or None.
// The catalogue of where a program reads secrets, as data (matched as MemberRows matches): configuration, the
// environment, a secret store, and options bound from configuration. Whether a read IS a secret depends on the key it
// reads (SecretNames), except for a connection string and a secret store, whose values are credentials by definition.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Secrets
{
    /// <summary>What a catalogued member reads.</summary>
    internal enum SecretRead
    {
        None,

        /// <summary>A configuration value under a key (its <c>key</c> argument, below the sections its receiver was taken from).</summary>
        ConfigurationKey,

        /// <summary>The value of a configuration section (the key is the section's path).</summary>
        SectionValue,

        /// <summary>A named connection string.</summary>
        ConnectionString,

        /// <summary>An environment variable (its <c>variable</c> argument).</summary>
        EnvironmentVariable,

        /// <summary>A secret from a secret store (Azure Key Vault's <c>SecretClient</c>).</summary>
        SecretStore,

        /// <summary>Options bound from configuration: a property of them named for a secret is a secret.</summary>
        BoundConfiguration,
    }

    internal sealed class SecretReadCatalog
    {
        private static readonly Dictionary<string, SecretRead> Rows = Build();

        // Asked of every property read and call on a prompt's way back: answered once per declared member.
        private readonly AnswerCache<ISymbol, SecretRead> _members = new(SymbolEqualityComparer.Default, member => MemberRows.TryFind(Rows, member, out var read) ? read : SecretRead.None);

        // Asked of the type of every value on a prompt's way back: answered once per type.
        private readonly AnswerCache<ITypeSymbol, bool> _holders = new(SymbolEqualityComparer.Default, IsCredentialHolder);

        /// <summary>What <paramref name="member"/> (a method or property, as called) reads.</summary>
        public SecretRead Of(ISymbol member) => _members.Get(MemberRows.Declared(member));

        /// <summary>
        /// Whether a value of <paramref name="type"/> is a model client, kernel, agent, builder or credential: the key it was
        /// made with authenticates it and is not text it adds to a prompt (<c>kernel.CreateFunctionFromPrompt(template)</c>
        /// passes the kernel along with the template; only the template is prompt).
        /// </summary>
        public bool HoldsCredentials(ITypeSymbol? type) => type is not null && _holders.Get(type.OriginalDefinition);

        private static bool IsCredentialHolder(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (IsHolderName(current))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsHolderName(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHolderName(ITypeSymbol type)
        {
            var name = TypeNames.FullName(type);
            if (Array.IndexOf(HolderTypes, name) >= 0)
            {
                return true;
            }

            // The SDKs' clients and their sub-clients (OpenAIClient, ChatClient, AzureOpenAIClient, AnthropicClient, OllamaApiClient, ChatCompletionsClient).
            if (!type.Name.EndsWith("Client", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var root in SdkNamespaces)
            {
                if (name.StartsWith(root + ".", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] HolderTypes =
        {
            "Microsoft.SemanticKernel.Kernel", "Microsoft.SemanticKernel.IKernelBuilder", "Microsoft.Extensions.AI.IChatClient",
            "Microsoft.Extensions.AI.ChatClientBuilder", "Microsoft.Extensions.AI.IEmbeddingGenerator", "Microsoft.Agents.AI.AIAgent",
            "Microsoft.SemanticKernel.Services.IAIService", "System.ClientModel.ApiKeyCredential", "Azure.AzureKeyCredential",
            "Azure.Core.TokenCredential", "Microsoft.Extensions.DependencyInjection.IServiceCollection", "System.IServiceProvider",
            "System.Net.Http.HttpClient",
        };

        private static readonly string[] SdkNamespaces = { "OpenAI", "Azure.AI", "Anthropic", "OllamaSharp", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Microsoft.Agents.AI" };

        private static Dictionary<string, SecretRead> Build()
        {
            var rows = new Dictionary<string, SecretRead>(StringComparer.Ordinal);

            void Add(SecretRead read, string type, params string[] members)
            {
                foreach (var member in members)
                {
                    rows[type + "|" + member] = read;
                }
            }

            Add(SecretRead.ConfigurationKey, "Microsoft.Extensions.Configuration.IConfiguration", MemberRows.Indexer);
            Add(SecretRead.ConfigurationKey, "Microsoft.Extensions.Configuration.ConfigurationBinder", "GetValue");
            Add(SecretRead.SectionValue, "Microsoft.Extensions.Configuration.IConfigurationSection", "Value");
            Add(SecretRead.ConnectionString, "Microsoft.Extensions.Configuration.ConfigurationExtensions", "GetConnectionString");
            Add(SecretRead.EnvironmentVariable, "System.Environment", "GetEnvironmentVariable");
            Add(SecretRead.SecretStore, "Azure.Security.KeyVault.Secrets.SecretClient", "GetSecret", "GetSecretAsync");
            Add(SecretRead.BoundConfiguration, "Microsoft.Extensions.Configuration.ConfigurationBinder", "Get");
            Add(SecretRead.BoundConfiguration, "Microsoft.Extensions.Options.IOptions", "Value");
            Add(SecretRead.BoundConfiguration, "Microsoft.Extensions.Options.IOptionsMonitor", "CurrentValue", "Get");
            Add(SecretRead.BoundConfiguration, "Microsoft.Extensions.Options.IOptionsSnapshot", "Get");
            return rows;
        }
    }
}
