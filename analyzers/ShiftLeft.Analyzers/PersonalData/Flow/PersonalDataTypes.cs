using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>Framework types resolved once per compilation; any of them may be absent (null).</summary>
    internal sealed class PersonalDataTypes
    {
        public PersonalDataTypes(Infrastructure.ReferencedTypes types)
        {
            StringBuilder = types.Get("System.Text.StringBuilder");
            Enumerable = types.Get("System.Linq.Enumerable");
            NonGenericEnumerable = types.Get("System.Collections.IEnumerable");
            Redactor = types.Get("Microsoft.Extensions.Compliance.Redaction.Redactor");
            RedactorProvider = types.Get("Microsoft.Extensions.Compliance.Redaction.IRedactorProvider");
            DataClassificationAttribute = types.Get("Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute");
            NoDataClassificationAttribute = types.Get("Microsoft.Extensions.Compliance.Classification.NoDataClassificationAttribute");
            UnknownDataClassificationAttribute = types.Get("Microsoft.Extensions.Compliance.Classification.UnknownDataClassificationAttribute");
            OpenAIChatMessage = types.Get("OpenAI.Chat.ChatMessage");
            OpenAIContentPart = types.Get("OpenAI.Chat.ChatMessageContentPart");
            OpenAIMessageContent = types.Get("OpenAI.Chat.ChatMessageContent");
            AIChatMessage = types.Get("Microsoft.Extensions.AI.ChatMessage");
            AIContent = types.Get("Microsoft.Extensions.AI.AIContent");
            KernelContent = types.Get("Microsoft.SemanticKernel.KernelContent");
            ChatHistory = types.Get("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
            ContentItemCollection = types.Get("Microsoft.SemanticKernel.ChatCompletion.ChatMessageContentItemCollection");
            KernelArguments = types.Get("Microsoft.SemanticKernel.KernelArguments");
        }

        public INamedTypeSymbol? StringBuilder { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? NonGenericEnumerable { get; }

        public INamedTypeSymbol? Redactor { get; }

        public INamedTypeSymbol? RedactorProvider { get; }

        public INamedTypeSymbol? DataClassificationAttribute { get; }

        public INamedTypeSymbol? NoDataClassificationAttribute { get; }

        public INamedTypeSymbol? UnknownDataClassificationAttribute { get; }

        public INamedTypeSymbol? OpenAIChatMessage { get; }

        public INamedTypeSymbol? OpenAIContentPart { get; }

        public INamedTypeSymbol? OpenAIMessageContent { get; }

        public INamedTypeSymbol? AIChatMessage { get; }

        public INamedTypeSymbol? AIContent { get; }

        public INamedTypeSymbol? KernelContent { get; }

        public INamedTypeSymbol? ChatHistory { get; }

        public INamedTypeSymbol? ContentItemCollection { get; }

        public INamedTypeSymbol? KernelArguments { get; }

        /// <summary>True when <paramref name="type"/> is or derives from <paramref name="baseType"/>.</summary>
        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType) => Infrastructure.TypeRelations.DerivesFrom(type, baseType);

        /// <summary>Booleans, numbers and enums (and their nullable forms) never hold personal data.</summary>
        public static bool IsNeverPersonal(ITypeSymbol? type) =>
            type is not null && (type.SpecialType == SpecialType.System_Void || Infrastructure.ValueTypes.IsBooleanNumberOrEnum(type));
    }
}
