// Usage: which fields, properties, parameters and locals hold personal data (cached per compilation).
//   var sources = new PersonalDataSources(compilation, shiftLeft.Options, types);
//   sources.IsPersonalData(symbol)
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// Personal data by name (head-noun rule, <see cref="PersonalDataNames"/>) or by attribute: any attribute named
    /// PersonalData / ProtectedPersonalData (ASP.NET Core Identity's included), DataAnnotations EmailAddress / Phone /
    /// CreditCard, anything deriving from Microsoft.Extensions.Compliance's DataClassificationAttribute (except its
    /// "no" and "unknown" classifications), and <c>shiftleft.personal_data_attributes</c>. Booleans, numbers and enums
    /// never are personal data, whatever their name.
    /// </summary>
    internal sealed class PersonalDataSources
    {
        private static readonly ImmutableHashSet<string> DataAnnotationAttributes = ImmutableHashSet.Create(
            "System.ComponentModel.DataAnnotations.EmailAddressAttribute",
            "System.ComponentModel.DataAnnotations.PhoneAttribute",
            "System.ComponentModel.DataAnnotations.CreditCardAttribute");

        private readonly PersonalDataNames _names;
        private readonly SymbolNameList _configuredAttributes;
        private readonly PersonalDataTypes _types;
        private readonly AnswerCache<ISymbol, bool> _members;
        private readonly AnswerCache<string, bool> _personalDataNames;

        public PersonalDataSources(ShiftLeftOptions options, PersonalDataTypes types)
        {
            _names = PersonalDataNames.WithAdditionalTerms(options.PersonalDataNames.Entries);
            _personalDataNames = new AnswerCache<string, bool>(System.StringComparer.Ordinal, _names.IsPersonalDataName);
            _members = new AnswerCache<ISymbol, bool>(SymbolEqualityComparer.Default, Compute);
            _configuredAttributes = options.PersonalDataAttributes;
            _types = types;
        }

        /// <summary>The terms names are compared with (<see cref="PersonalDataNames.Terms"/>).</summary>
        public ImmutableArray<string> NameTerms => _names.Terms;

        /// <summary>
        /// Fields and properties are cached per symbol (read from many methods). Locals and parameters belong to one
        /// method, where a cache entry would cost more than the check: their name is checked first (cached per name),
        /// and a parameter's attributes only when it has any.
        /// </summary>
        public bool IsPersonalData(ISymbol symbol)
        {
            // Kind before any interface cast: this runs on every reference in every method with a sink.
            switch (symbol.Kind)
            {
                case SymbolKind.Field:
                case SymbolKind.Property:
                    return _members.Get(symbol);
                case SymbolKind.Local:
                    var local = (ILocalSymbol)symbol;
                    return IsPersonalDataName(local.Name) && MayHoldPersonalData(local.Type);
                case SymbolKind.Parameter:
                    var parameter = (IParameterSymbol)symbol;
                    return (IsPersonalDataName(parameter.Name) || (!parameter.GetAttributes().IsEmpty && HasPersonalDataAttribute(parameter)))
                        && MayHoldPersonalData(parameter.Type);
                default:
                    return false;
            }
        }

        // Booleans, numbers, enums and collections of them never are personal data, whatever their name.
        private static bool MayHoldPersonalData(ITypeSymbol type) => !PersonalDataTypes.IsNeverPersonal(type) && !IsNeverPersonalContainer(type);

        private bool Compute(ISymbol symbol)
        {
            // Compiler-generated backing fields and record members carry the name of what they back. The type is asked
            // for last: most members are ruled out by name and attributes, and a source member's type may still need binding.
            // A constant is text the code base wrote (ClaimTypes.Email is a claim's name, not an address).
            if (symbol is IFieldSymbol { IsConst: true })
                return false;
            var name = symbol is IFieldSymbol { AssociatedSymbol: { } associated } ? associated.Name : symbol.Name;
            var byName = (IsPersonalDataName(name) || IsPersonsName(name, symbol.ContainingType)) && !DescribesCodeOrFiles(symbol.ContainingType);
            if (!byName && !(AttributeNames.MayHaveAttributes(symbol) && HasPersonalDataAttribute(symbol)))
                return false;
            return symbol switch
            {
                IFieldSymbol field => MayHoldPersonalData(field.Type),
                IPropertySymbol property => MayHoldPersonalData(property.Type),
                _ => false,
            };
        }

        /// <summary>
        /// .NET's reflection and file-system types name code and files, not people: <c>Type.FullName</c>,
        /// <c>AssemblyName.Name</c>, <c>FileInfo.FullName</c>, <c>Exception.Source</c>. Their members are never personal
        /// data by name: error handling that logs <c>ex.GetType().FullName</c> would otherwise be sent through the flow.
        /// </summary>
        private static bool DescribesCodeOrFiles(INamedTypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var ns = current.ContainingNamespace?.ToDisplayString();
                if (ns is "System.Reflection" or "System.IO" || (ns == "System" && current.Name is "Type" or "Exception") || IsModelSdk(ns))
                    return true;
            }

            return false;
        }

        /// <summary>
        /// The AI SDKs' message and agent types name their participants (<c>AuthorName</c>, <c>ParticipantName</c>: an
        /// agent's or a role's label): never personal data by name.
        /// </summary>
        private static bool IsModelSdk(string? ns) =>
            ns is not null && (ns.StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions.AI", System.StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Agents.AI", System.StringComparison.Ordinal) || ns.StartsWith("OpenAI", System.StringComparison.Ordinal)
                || ns.StartsWith("Anthropic", System.StringComparison.Ordinal) || ns.StartsWith("ModelContextProtocol", System.StringComparison.Ordinal));

        /// <summary>
        /// The Name (DisplayName, FullName) of a type named for a person — <c>Customer.Name</c>, <c>ApplicationUser.DisplayName</c>
        /// — and the name of an authenticated identity (<c>User.Identity.Name</c>). A team's, product's or store's Name is not.
        /// </summary>
        private static bool IsPersonsName(string name, INamedTypeSymbol? type)
        {
            if (type is null || !PersonalDataNames.IsNameWord(name))
                return false;
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("System.Security", System.StringComparison.Ordinal))
                return type.Name is "IIdentity" or "ClaimsIdentity" or "GenericIdentity";
            return !FrameworkNames.Contains(ns)
                && PersonalDataNames.NamesPersonType(type.Name);
        }

        // Identifiers repeat across a code base (customer, prompt, response): the word split runs once per name.
        private bool IsPersonalDataName(string name) => _personalDataNames.Get(name);

        private bool HasPersonalDataAttribute(ISymbol symbol)
        {
            foreach (var attribute in AttributesOf(symbol))
            {
                if (attribute.AttributeClass is { } attributeClass && IsPersonalDataAttribute(attributeClass))
                    return true;
            }

            return false;
        }

        /// <summary>An attribute class that makes what it is written on personal data.</summary>
        public bool IsPersonalDataAttribute(INamedTypeSymbol attributeClass) =>
            Enumerate(attributeClass).Any(type => AttributeNames.NameMatches(type.Name, AttributeNames.PersonalData) || AttributeNames.NameMatches(type.Name, AttributeNames.ProtectedPersonalData))
            || DataAnnotationAttributes.Contains(TypeNames.FullName(attributeClass))
            || IsDataClassification(attributeClass)
            || IsConfigured(attributeClass);

        private bool IsDataClassification(INamedTypeSymbol attributeClass) =>
            PersonalDataTypes.DerivesFrom(attributeClass, _types.DataClassificationAttribute)
            && !PersonalDataTypes.DerivesFrom(attributeClass, _types.NoDataClassificationAttribute)
            && !PersonalDataTypes.DerivesFrom(attributeClass, _types.UnknownDataClassificationAttribute);

        /// <summary>A configured entry is a full type name (derived attributes count) or a simple name in any namespace.</summary>
        private bool IsConfigured(INamedTypeSymbol attributeClass)
        {
            if (_configuredAttributes.IsEmpty)
                return false;
            if (_configuredAttributes.MatchesType(attributeClass))
                return true;
            return _configuredAttributes.Entries.Any(entry => entry.IndexOf('.') < 0
                && Enumerate(attributeClass).Any(type => AttributeNames.NameMatches(type.Name, entry)));
        }

        private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> Enumerate(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
                yield return current;
        }

        /// <summary>The symbol's own attributes, and for a record's property those on its primary-constructor parameter.</summary>
        private static System.Collections.Generic.IEnumerable<AttributeData> AttributesOf(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
                yield return attribute;

            // A positional record property is init-only (settable in a record struct): asked first, as IsRecord on a
            // metadata type searches its members. (A source property gets here only when written with attributes.)
            if (symbol is IPropertySymbol { SetMethod: { } setter } property && (setter.IsInitOnly || property.ContainingType.IsValueType)
                && property.ContainingType is { IsRecord: true } record)
            {
                foreach (var constructor in record.InstanceConstructors)
                {
                    var parameter = constructor.Parameters.FirstOrDefault(p => p.Name == property.Name);
                    if (parameter is null)
                        continue;
                    foreach (var attribute in parameter.GetAttributes())
                        yield return attribute;
                    yield break;
                }
            }
        }

        // A list of booleans or counts is no more personal than one.
        private static bool IsNeverPersonalContainer(ITypeSymbol? type) =>
            type is IArrayTypeSymbol array ? PersonalDataTypes.IsNeverPersonal(array.ElementType)
            : type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1
                && named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)
                && PersonalDataTypes.IsNeverPersonal(named.TypeArguments[0]);
    }
}
