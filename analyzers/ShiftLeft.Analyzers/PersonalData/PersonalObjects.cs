// Usage: rules.SerializedObject(invocation)   // "'form' serialised with its 'Email', 'PhoneNumber'", or null
// A whole object of an application type whose members hold personal data, handed to a JSON serialiser: the text that
// comes back holds every public member, so it is a source although no personal member is read by name in the call
// (SK's account-opening sample serialises the new customer's form into a system message). Only types declared in the
// compilation count — the application's forms, entities and DTOs — and arrays or sequences of them; the personal
// members are the public instance properties and fields the source rules call personal data, read once per type.
using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class PersonalObjects
    {
        /// <summary>The start of the serialiser methods' names: Serialize, SerializeAsync, SerializeObject.</summary>
        public const string SerializerMethodPrefix = "Serialize";

        private const int NamedMembers = 3;

        private readonly Func<ISymbol, bool> _isPersonalData;
        private readonly AnswerCache<ITypeSymbol, ImmutableArray<string>> _members;

        public PersonalObjects(Func<ISymbol, bool> isPersonalData)
        {
            _isPersonalData = isPersonalData;
            _members = new AnswerCache<ITypeSymbol, ImmutableArray<string>>(SymbolEqualityComparer.Default, PersonalMembers);
        }

        /// <summary>The source description when <paramref name="invocation"/> serialises an object with personal members; null otherwise.</summary>
        public string? SerializedObject(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !method.Name.StartsWith(SerializerMethodPrefix, StringComparison.Ordinal)
                || method.ContainingType?.Name is not ("JsonSerializer" or "JsonConvert") || invocation.Arguments.IsEmpty)
            {
                return null;
            }

            var value = OperationScope.Unwrap(invocation.Arguments[0].Value);
            if (ApplicationType(value.Type) is not { } type || _members.Get(type) is not { IsEmpty: false } members)
            {
                return null;
            }

            var what = value.Syntax.Span.Length <= 40 && value.Kind is OperationKind.LocalReference or OperationKind.ParameterReference or OperationKind.FieldReference or OperationKind.PropertyReference
                ? value.Syntax.ToString()
                : type.Name;
            return "'" + what + "' serialised with its " + string.Join(", ", members.Take(NamedMembers).Select(name => "'" + name + "'"))
                + (members.Length > NamedMembers ? " and more" : string.Empty);
        }

        /// <summary>The type itself, or the element type of an array or sequence, when it is declared in this compilation.</summary>
        private static ITypeSymbol? ApplicationType(ITypeSymbol? type)
        {
            var candidate = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic when generic.Locations.IsEmpty || !generic.Locations[0].IsInSource => generic.TypeArguments[0],
                _ => type,
            };
            // An anonymous object is read member by member where it is written (new { Email = … }): not here.
            return candidate is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false } named && !named.Locations.IsEmpty && named.Locations[0].IsInSource
                ? named.OriginalDefinition
                : null;
        }

        private ImmutableArray<string> PersonalMembers(ITypeSymbol type)
        {
            var names = ImmutableArray.CreateBuilder<string>();
            for (var current = type; current is not null && !current.Locations.IsEmpty && current.Locations[0].IsInSource; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } or IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public }
                        && _isPersonalData(member) && !names.Contains(member.Name))
                    {
                        names.Add(member.Name);
                    }
                }
            }

            return names.ToImmutable();
        }
    }
}
