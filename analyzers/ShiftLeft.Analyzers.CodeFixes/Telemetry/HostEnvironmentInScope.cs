using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.Telemetry
{
    /// <summary>
    /// The host environment a fix can ask <c>IsDevelopment()</c> at a position: a parameter, local, field or property
    /// of a type implementing <c>Microsoft.Extensions.Hosting.IHostEnvironment</c> (<c>env</c>), or else the
    /// <c>Environment</c> of a host or web-application builder or application in scope (<c>builder.Environment</c>).
    /// Null when there is none, or more than one environment of the same kind to choose from.
    /// </summary>
    internal static class HostEnvironmentInScope
    {
        private const string HostEnvironment = "Microsoft.Extensions.Hosting.IHostEnvironment";

        public static (ExpressionSyntax Expression, ITypeSymbol Type)? Find(SemanticModel model, int position)
        {
            var hostEnvironment = model.Compilation.GetTypeByMetadataName(HostEnvironment);
            if (hostEnvironment is null)
            {
                return null;
            }

            (ExpressionSyntax, ITypeSymbol)? direct = null;
            (ExpressionSyntax, ITypeSymbol)? viaBuilder = null;
            var directCount = 0;
            foreach (var (name, type) in ValuesInScope.Find(model, position, type => IsHostEnvironment(type, hostEnvironment) || EnvironmentProperty(type, hostEnvironment) is not null))
            {
                if (IsHostEnvironment(type, hostEnvironment))
                {
                    directCount++;
                    direct = (SyntaxFactory.IdentifierName(name), type);
                }
                else if (viaBuilder is null && EnvironmentProperty(type, hostEnvironment) is { } property)
                {
                    viaBuilder = (SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(name), SyntaxFactory.IdentifierName(property.Name)), property.Type);
                }
            }

            return directCount == 1 ? direct : directCount == 0 ? viaBuilder : null;
        }

        private static bool IsHostEnvironment(ITypeSymbol type, INamedTypeSymbol hostEnvironment) =>
            SymbolEqualityComparer.Default.Equals(type, hostEnvironment) || type.AllInterfaces.Contains(hostEnvironment, SymbolEqualityComparer.Default);

        /// <summary>WebApplicationBuilder.Environment, HostApplicationBuilder.Environment, WebApplication.Environment, IHostApplicationBuilder.Environment.</summary>
        private static IPropertySymbol? EnvironmentProperty(ITypeSymbol type, INamedTypeSymbol hostEnvironment)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("Environment"))
                {
                    if (member is IPropertySymbol { IsStatic: false, GetMethod: not null } property && IsHostEnvironment(property.Type, hostEnvironment))
                    {
                        return property;
                    }
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                foreach (var member in implemented.GetMembers("Environment"))
                {
                    if (member is IPropertySymbol { IsStatic: false } property && IsHostEnvironment(property.Type, hostEnvironment))
                    {
                        return property;
                    }
                }
            }

            return null;
        }
    }
}
