// Usage: AttributeMarkedMembers.Names(compilation, sources, options.PersonalDataAttributes)
// The identifiers under which personal data can appear in code only because of an attribute, for the textual trigger
// (PersonalDataMentions): the fields and properties the source rules call personal by attribute whatever their name
// (`[EmailAddress] public string Contact`), and the names of the attributes that make a parameter personal
// (`[PrivateData] string reporter`). Read once per compilation: the compilation's own declarations, and the referenced
// assemblies that can carry such attributes (those that reference DataAnnotations, ASP.NET Core Identity or
// Microsoft.Extensions.Compliance; Identity's own user type). Framework assemblies otherwise declare no personal data.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class AttributeMarkedMembers
    {
        private const string AttributeSuffix = "Attribute";

        // The attributes PersonalDataSources recognises by name: ASP.NET Core Identity's and DataAnnotations'.
        private static readonly string[] RecognisedAttributes = { "PersonalData", "ProtectedPersonalData", "EmailAddress", "Phone", "CreditCard" };

        // A referenced assembly can mark personal members only through one of these.
        private static readonly ImmutableHashSet<string> AttributeAssemblies = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "System.ComponentModel.Annotations", "System.ComponentModel.DataAnnotations", "Microsoft.Extensions.Identity.Stores", "Microsoft.Extensions.Compliance.Abstractions");

        private const string IdentityStores = "Microsoft.Extensions.Identity.Stores";

        public static ImmutableArray<string> Names(Compilation compilation, PersonalDataSources sources, SymbolNameList configuredAttributes)
        {
            // Attribute names (without the suffix) that can make a member personal: recognised, configured, and the
            // personal attribute classes found below.
            var attributes = new HashSet<string>(RecognisedAttributes.Concat(configuredAttributes.Entries.Select(entry => Bare(entry.Substring(entry.LastIndexOf('.') + 1)))), StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (MayMarkMembers(assembly, !configuredAttributes.IsEmpty))
                    AddMetadata(assembly.GlobalNamespace, names, attributes, sources);
            }

            AddSource(compilation, names, attributes, sources);
            foreach (var attribute in attributes)
            {
                names.Add(attribute);
                names.Add(attribute + AttributeSuffix);
            }

            return names.ToImmutableArray();
        }

        private static bool MayMarkMembers(IAssemblySymbol assembly, bool anyAttributeConfigured)
        {
            var name = assembly.Name;
            if (name == IdentityStores)
                return true;
            if (FrameworkNames.Contains(name))
                return false;
            return anyAttributeConfigured || assembly.Modules.Any(module => module.ReferencedAssemblies.Any(reference => AttributeAssemblies.Contains(reference.Name)));
        }

        /// <summary>A referenced assembly's public and protected attribute classes and members.</summary>
        private static void AddMetadata(INamespaceSymbol root, HashSet<string> names, HashSet<string> attributes, PersonalDataSources sources)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceSymbol nested:
                            pending.Push(nested);
                            break;
                        case INamedTypeSymbol type when type.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal:
                            pending.Push(type);
                            if (sources.IsPersonalDataAttribute(type))
                                attributes.Add(Bare(type.Name));
                            break;
                        case IFieldSymbol { AssociatedSymbol: null } or IPropertySymbol when !member.GetAttributes().IsEmpty && sources.IsPersonalData(member):
                            names.Add(member.Name);
                            break;
                    }
                }
            }
        }

        /// <summary>
        /// The compilation's own attribute classes and attributed members, found from their declarations' syntax: only
        /// a member written with an attribute of a name that can make it personal (or a using alias) is asked for its
        /// symbol, so no type's members are built and no other attribute is bound for this.
        /// </summary>
        private static void AddSource(Compilation compilation, HashSet<string> names, HashSet<string> attributes, PersonalDataSources sources)
        {
            var attributeClasses = new HashSet<string>(StringComparer.Ordinal);
            var attributed = new List<(string Member, AttributeListSyntax Attributes)>();
            var aliases = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax { Alias: { } alias }:
                            aliases.Add(Bare(alias.Name.Identifier.ValueText));
                            break;
                        case ClassDeclarationSyntax { BaseList: not null } type when type.Identifier.ValueText.EndsWith(AttributeSuffix, StringComparison.Ordinal) || type.BaseList.ToString().IndexOf(AttributeSuffix, StringComparison.Ordinal) >= 0:
                            attributeClasses.Add(type.Identifier.ValueText);
                            break;
                        case PropertyDeclarationSyntax property:
                            attributed.AddRange(property.AttributeLists.Select(list => (property.Identifier.ValueText, list)));
                            break;
                        case FieldDeclarationSyntax field:
                            attributed.AddRange(field.Declaration.Variables.SelectMany(variable => field.AttributeLists.Select(list => (variable.Identifier.ValueText, list))));
                            break;
                        case ParameterListSyntax { Parent: TypeDeclarationSyntax } positional: // a record's properties
                            attributed.AddRange(positional.Parameters.SelectMany(parameter => parameter.AttributeLists.Select(list => (parameter.Identifier.ValueText, list))));
                            break;
                    }
                }
            }

            if (attributeClasses.Count > 0)
            {
                foreach (var symbol in compilation.GetSymbolsWithName(attributeClasses.Contains, SymbolFilter.Type))
                {
                    if (symbol is INamedTypeSymbol type && sources.IsPersonalDataAttribute(type))
                        attributes.Add(Bare(type.Name));
                }
            }

            var candidates = new HashSet<string>(
                attributed.Where(entry => entry.Attributes.Attributes.Any(attribute => attributes.Contains(Bare(RightmostName(attribute.Name))) || aliases.Contains(Bare(RightmostName(attribute.Name)))))
                    .Select(entry => entry.Member),
                StringComparer.Ordinal);
            if (candidates.Count == 0)
                return;
            foreach (var symbol in compilation.GetSymbolsWithName(candidates.Contains, SymbolFilter.Member))
            {
                if (symbol is IFieldSymbol { AssociatedSymbol: null } or IPropertySymbol && sources.IsPersonalData(symbol))
                    names.Add(symbol.Name);
            }
        }

        private static string RightmostName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => name.ToString(),
        };

        private static string Bare(string attribute) =>
            attribute.EndsWith(AttributeSuffix, StringComparison.Ordinal) && attribute.Length > AttributeSuffix.Length ? attribute.Substring(0, attribute.Length - AttributeSuffix.Length) : attribute;
    }
}
