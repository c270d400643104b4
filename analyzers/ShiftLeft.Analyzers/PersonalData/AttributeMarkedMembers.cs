// Usage: AttributeMarkedMembers.Names(compilation, sources.IsPersonalData, types.DataClassificationAttribute, options.PersonalDataAttributes)
// The identifiers under which personal data can appear in code only because of an attribute, for the textual trigger
// (PersonalDataMentions): the fields and properties the source rules call personal by attribute whatever their name
// (`[EmailAddress] public string Contact`), and the names of the attributes that make a parameter personal
// (`[PrivateData] string reporter`). Read once per compilation: the compilation's own members, and the members of the
// referenced assemblies that can carry such attributes (those that reference DataAnnotations, ASP.NET Core Identity or
// Microsoft.Extensions.Compliance; Identity's own user type). Framework assemblies otherwise declare no personal data.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class AttributeMarkedMembers
    {
        // The attributes PersonalDataSources recognises by simple name: ASP.NET Core Identity's and DataAnnotations'.
        private static readonly string[] RecognisedAttributes = { "PersonalData", "ProtectedPersonalData", "EmailAddress", "Phone", "CreditCard" };

        // A referenced assembly can mark personal members only through one of these.
        private static readonly ImmutableHashSet<string> AttributeAssemblies = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "System.ComponentModel.Annotations", "System.ComponentModel.DataAnnotations", "Microsoft.Extensions.Identity.Stores", "Microsoft.Extensions.Compliance.Abstractions");

        private const string IdentityStores = "Microsoft.Extensions.Identity.Stores";

        public static ImmutableArray<string> Names(Compilation compilation, Func<ISymbol, bool> isPersonalData, INamedTypeSymbol? dataClassification, SymbolNameList configuredAttributes)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var attribute in RecognisedAttributes.Concat(configuredAttributes.Entries.Select(entry => entry.Substring(entry.LastIndexOf('.') + 1))))
                AddAttributeName(names, attribute);

            AddSourceMembers(compilation, names, isPersonalData, dataClassification);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (MayMarkMembers(assembly, !configuredAttributes.IsEmpty))
                    AddMetadataMembers(assembly.GlobalNamespace, names, isPersonalData, dataClassification);
            }

            return names.ToImmutableArray();
        }

        private static bool MayMarkMembers(IAssemblySymbol assembly, bool anyAttributeConfigured)
        {
            var name = assembly.Name;
            if (name == IdentityStores)
                return true;
            if (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) || name is "mscorlib" or "netstandard")
                return false;
            return anyAttributeConfigured || assembly.Modules.Any(module => module.ReferencedAssemblies.Any(reference => AttributeAssemblies.Contains(reference.Name)));
        }

        /// <summary>
        /// The compilation's own members, found from their declarations' syntax: only the members written with attributes
        /// (and, where classifications exist, classes with a base list) are asked for their symbols, so no type's
        /// members are built for this.
        /// </summary>
        private static void AddSourceMembers(Compilation compilation, HashSet<string> names, Func<ISymbol, bool> isPersonalData, INamedTypeSymbol? dataClassification)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case PropertyDeclarationSyntax property when property.AttributeLists.Count > 0:
                            candidates.Add(property.Identifier.ValueText);
                            break;
                        case FieldDeclarationSyntax field when field.AttributeLists.Count > 0:
                            candidates.UnionWith(field.Declaration.Variables.Select(variable => variable.Identifier.ValueText));
                            break;
                        case ParameterListSyntax { Parent: TypeDeclarationSyntax } positional: // a record's properties
                            candidates.UnionWith(positional.Parameters.Where(parameter => parameter.AttributeLists.Count > 0).Select(parameter => parameter.Identifier.ValueText));
                            break;
                        case ClassDeclarationSyntax { BaseList: not null } type when dataClassification is not null:
                            candidates.Add(type.Identifier.ValueText);
                            break;
                    }
                }
            }

            if (candidates.Count == 0)
                return;
            foreach (var symbol in compilation.GetSymbolsWithName(candidates.Contains, SymbolFilter.TypeAndMember))
                Add(symbol, names, isPersonalData, dataClassification, inSource: true);
        }

        /// <summary>A referenced assembly's public and protected types and members.</summary>
        private static void AddMetadataMembers(INamespaceSymbol root, HashSet<string> names, Func<ISymbol, bool> isPersonalData, INamedTypeSymbol? dataClassification)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol || (member is INamedTypeSymbol && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                        pending.Push((INamespaceOrTypeSymbol)member);
                    Add(member, names, isPersonalData, dataClassification, inSource: false);
                }
            }
        }

        private static void Add(ISymbol symbol, HashSet<string> names, Func<ISymbol, bool> isPersonalData, INamedTypeSymbol? dataClassification, bool inSource)
        {
            switch (symbol)
            {
                case INamedTypeSymbol type when dataClassification is not null && TypeRelations.DerivesFrom(type, dataClassification):
                    AddAttributeName(names, type.Name);
                    break;
                case IFieldSymbol { AssociatedSymbol: null } or IPropertySymbol when HasAttributes(symbol, inSource) && isPersonalData(symbol):
                    names.Add(symbol.Name);
                    break;
            }
        }

        private static bool HasAttributes(ISymbol member, bool inSource) =>
            inSource ? AttributeNames.MayHaveAttributes(member) : !member.GetAttributes().IsEmpty;

        private static void AddAttributeName(HashSet<string> names, string attribute)
        {
            const string suffix = "Attribute";
            names.Add(attribute);
            names.Add(attribute.EndsWith(suffix, StringComparison.Ordinal) ? attribute.Substring(0, attribute.Length - suffix.Length) : attribute + suffix);
        }
    }
}
