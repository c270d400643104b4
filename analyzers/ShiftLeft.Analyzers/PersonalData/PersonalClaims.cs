// Usage: PersonalClaims.Describe(invocation) → "the 'email' claim" when the call reads a personal claim, else null.
// A claim read is a call that is handed claims (a ClaimsPrincipal, ClaimsIdentity, Claim or a collection of claims, as
// receiver or argument) and a personal claim type: as a constant argument (User.FindFirst(ClaimTypes.Email),
// FindFirstValue("email"), a helper GetValue(claims, "phone_number")) or compared in a lambda it is given
// (claims.First(c => c.Type == "given_name")). Technical claims (Role, NameIdentifier, sub, scopes) are not personal.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal static class PersonalClaims
    {
        private const string ClaimTypesPrefix = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
        private const string ClaimTypesDateOfBirth = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/dateofbirth";

        // System.Security.Claims.ClaimTypes values (the last segment of the URI) that describe a person.
        private static readonly ImmutableHashSet<string> ClaimTypesNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "name", "givenname", "surname", "emailaddress", "streetaddress", "postalcode", "mobilephone", "homephone", "otherphone", "dateofbirth",
            "upn");

        // OpenID Connect standard claims that describe a person (and the address_* parts applications add), and the sign-in
        // names identity providers issue, which are usually an e-mail address (Entra ID's upn, preferred_username).
        private static readonly ImmutableHashSet<string> OpenIdNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "name", "given_name", "family_name", "middle_name", "email", "phone_number", "address", "birthdate",
            "last_name", "first_name", "address_street", "address_zip_code", "address_postal_code", "preferred_username", "upn");

        /// <summary>Every personal claim type's short name.</summary>
        public static IEnumerable<string> Names => ClaimTypesNames.Concat(OpenIdNames);

        /// <summary>"the 'email' claim" when <paramref name="invocation"/> reads a personal claim; null otherwise.</summary>
        public static string? Describe(IInvocationOperation invocation)
        {
            // Asked of every call of every member the personal-data trigger walks: the claims-bearing types first (a name
            // comparison per argument), the claim type only for the few calls handed claims.
            var arguments = invocation.Arguments;
            if (arguments.IsEmpty || !HandsClaims(invocation))
            {
                return null;
            }

            string? claim = null;
            foreach (var argument in arguments)
            {
                var value = argument.Value;
                if (value.ConstantValue is { HasValue: true, Value: string text })
                {
                    claim ??= PersonalName(text);
                }
                else if (value.Kind == OperationKind.DelegateCreation && ((IDelegateCreationOperation)value).Target is { } lambda
                    && lambda.Kind is OperationKind.AnonymousFunction or OperationKind.FlowAnonymousFunction)
                {
                    claim ??= ComparedClaim(lambda.Syntax);
                }
            }

            return claim is null ? null : "the '" + claim + "' claim";
        }

        /// <summary>
        /// A claim type the lambda compares with (<c>c =&gt; c.Type == "email"</c>, <c>c.Type == ClaimTypes.Email</c>), read
        /// from its syntax: the flow analysis hands in the lambda of a control-flow graph, which has no body to bind.
        /// </summary>
        private static string? ComparedClaim(SyntaxNode lambda)
        {
            foreach (var node in lambda.DescendantNodes())
            {
                if (node is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } comparison)
                {
                    continue;
                }

                if ((ClaimOf(comparison.Left) ?? ClaimOf(comparison.Right)) is { } name)
                {
                    return name;
                }
            }

            return null;
        }

        private static string? ClaimOf(ExpressionSyntax side) => side switch
        {
            LiteralExpressionSyntax { Token.Value: string text } => PersonalName(text),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ClaimTypes" }, Name.Identifier.ValueText: var member }
                => PersonalName(ClaimTypesPrefix + member.ToLowerInvariant() switch { "email" => "emailaddress", var other => other }),
            _ => null,
        };

        /// <summary>The claim's short name when <paramref name="claimType"/> is a personal one.</summary>
        private static string? PersonalName(string claimType)
        {
            if (claimType.StartsWith(ClaimTypesPrefix, StringComparison.Ordinal))
            {
                var name = claimType.Substring(ClaimTypesPrefix.Length);
                return ClaimTypesNames.Contains(name) ? name : null;
            }

            return OpenIdNames.Contains(claimType) || claimType == ClaimTypesDateOfBirth ? claimType : null;
        }

        private static bool HandsClaims(IInvocationOperation invocation)
        {
            if (IsClaims(invocation.Instance?.Type))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsClaims(argument.Value.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsClaims(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.Name is "ClaimsPrincipal" or "ClaimsIdentity" or "Claim" && type.ContainingNamespace?.ToDisplayString() == "System.Security.Claims")
            {
                return true;
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && IsClaims(named.TypeArguments[0])
                || (type is IArrayTypeSymbol array && IsClaims(array.ElementType));
        }
    }
}
