// Usage: RequestInputs.OfParameter(parameter) → the source a method's parameter is (request data for controller,
//        Razor Pages and SignalR hub methods; chat messages; otherwise a plain parameter).
//        RequestInputs.OfProperty(property) → request data for Blazor and Razor Pages bound properties, else null.
// Framework types are recognised by name (base types and attributes), so nothing is resolved up front and an
// application without ASP.NET Core pays nothing.
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class RequestInputs
    {
        public static UntrustedSource OfParameter(IParameterSymbol parameter)
        {
            var name = parameter.Name;
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false } method
                && method.ContainingType is { } type)
            {
                if (DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase") && !HasAttribute(method, "NonActionAttribute"))
                {
                    return BoundParameter(parameter) ?? UntrustedSource.Of(UntrustedSourceKind.RequestData, "the request parameter '" + name + "'");
                }

                if (DerivesFrom(type, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel") && method.Name.StartsWith("On", System.StringComparison.Ordinal))
                {
                    return BoundParameter(parameter) ?? UntrustedSource.Of(UntrustedSourceKind.RequestData, "the request parameter '" + name + "'");
                }

                if (DerivesFrom(type, "Microsoft.AspNetCore.SignalR.Hub"))
                {
                    return UntrustedSource.Of(UntrustedSourceKind.SignalRMessage, "the SignalR message argument '" + name + "'");
                }
            }

            return IsMessages(parameter.Type)
                ? UntrustedSource.Of(UntrustedSourceKind.ChatMessages, "the chat messages in the parameter '" + name + "'")
                : UntrustedSource.Of(UntrustedSourceKind.Parameter, "the parameter '" + name + "'");
        }

        /// <summary>A property the framework fills from the request or the page: Blazor parameters, Razor Pages' bound properties.</summary>
        public static UntrustedSource? OfProperty(IPropertySymbol property)
        {
            if (!AttributeNames.MayHaveAttributes(property))
            {
                return null;
            }

            foreach (var attribute in property.GetAttributes())
            {
                var source = attribute.AttributeClass?.Name switch
                {
                    "ParameterAttribute" => "the component parameter '" + property.Name + "'",
                    "SupplyParameterFromQueryAttribute" => "the query-string parameter '" + property.Name + "'",
                    "SupplyParameterFromFormAttribute" => "the form field '" + property.Name + "'",
                    "BindPropertyAttribute" => "the bound form field '" + property.Name + "'",
                    "FromBodyAttribute" => "the request body",
                    "FromQueryAttribute" => "the query-string parameter '" + property.Name + "'",
                    "FromRouteAttribute" => "the route value '" + property.Name + "'",
                    "FromFormAttribute" => "the form field '" + property.Name + "'",
                    _ => null,
                };
                if (source is not null)
                {
                    return UntrustedSource.Of(UntrustedSourceKind.RequestData, source);
                }
            }

            return null;
        }

        private static UntrustedSource? BoundParameter(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                var description = attribute.AttributeClass?.Name switch
                {
                    "FromBodyAttribute" => "the request body",
                    "FromQueryAttribute" => "the query-string parameter '" + parameter.Name + "'",
                    "FromRouteAttribute" => "the route value '" + parameter.Name + "'",
                    "FromFormAttribute" => "the form field '" + parameter.Name + "'",
                    "FromHeaderAttribute" => "the request header '" + parameter.Name + "'",
                    "FromServicesAttribute" or "FromKeyedServicesAttribute" => string.Empty,
                    _ => null,
                };
                if (description is not null)
                {
                    return description.Length == 0
                        ? UntrustedSource.Of(UntrustedSourceKind.Parameter, "the parameter '" + parameter.Name + "'")
                        : UntrustedSource.Of(UntrustedSourceKind.RequestData, description);
                }
            }

            return null;
        }

        /// <summary>Chat messages or a chat history: Microsoft.Extensions.AI / OpenAI ChatMessage (or a collection of them), Semantic Kernel's ChatHistory.</summary>
        public static bool IsMessages(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.Name is "ChatHistory" or "ChatMessage" or "ChatMessageContent")
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return IsMessages(array.ElementType);
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.TypeArguments[0].Name is "ChatMessage" or "ChatMessageContent";
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string fullName)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (TypeNames.FullName(current) == fullName)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, string name) => AttributeNames.Has(symbol, name);
    }
}
