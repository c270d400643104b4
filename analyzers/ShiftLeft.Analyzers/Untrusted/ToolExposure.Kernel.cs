// A Semantic Kernel call's tools: the plugins of the kernel it runs on. The kernel is followed back to where it was
// built (locals, fields and properties through every write in their type, the compilation's own methods that return
// it, with their type arguments: CreateKernelWithPlugin<WeatherPlugin>()), through its builder (Kernel.CreateBuilder()
// ... .Build(), Clone()), and every plugin registration on it, its builder, their Plugins or the builder's Services
// is read: ImportPluginFromType/Object/Functions, Plugins.AddFromType/Object/Functions/Add, KernelPluginFactory.CreateFrom*,
// prompt-directory plugins (prompt functions) and OpenAPI / API-manifest / Copilot-agent plugins (remote APIs).
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed partial class ToolExposure
    {
        /// <summary>The kernel the call runs on: its receiver, or the argument it is given; none given means no functions are offered.</summary>
        private void CallKernel(in ModelCall call, MemberFacts facts)
        {
            if (call.Receiver is { } receiver && KernelTypes.IsKernel(receiver.Type))
            {
                Kernel(receiver, facts, NoSubstitution);
                return;
            }

            foreach (var argument in call.Invocation.Arguments)
            {
                if (KernelTypes.IsKernel(argument.Parameter?.Type))
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        Kernel(argument.Value, facts, NoSubstitution);
                    }

                    return;
                }
            }

            _tools.Untraceable("the kernel the call runs on is not visible at the call");
        }

        private void KernelCore(IOperation value, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            switch (value)
            {
                case ILocalReferenceOperation local:
                    if (_visited.Add(local.Local))
                    {
                        foreach (var write in facts.Writes)
                        {
                            // kernel.ImportPluginFromObject(plugin) is recorded as a write of its argument: read below as a registration.
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && !write.IsOutArgument && write.Value.Parent is not IArgumentOperation)
                            {
                                Kernel(write.Value, facts, substitution);
                            }
                        }

                        Registrations(local.Local, facts, substitution);
                    }

                    return;
                case IParameterReferenceOperation parameter:
                    Registrations(parameter.Parameter, facts, substitution);
                    if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || AttributeNames.Has(parameter.Parameter, "FromServicesAttribute"))
                    {
                        Container("the kernel is injected ('" + parameter.Parameter.Name + "')");
                    }
                    else
                    {
                        _tools.Untraceable("the kernel is the parameter '" + parameter.Parameter.Name + "'");
                    }

                    return;
                case IPropertyReferenceOperation { Property.Name: "Plugins" or "Services" } holder when holder.Property.DeclaringSyntaxReferences.IsEmpty && holder.Instance is not null:
                    Kernel(holder.Instance, facts, substitution);
                    return;
                case IPropertyReferenceOperation { Property.Name: "Kernel", Instance: { } context } when context.Type?.Name.EndsWith("Context", System.StringComparison.Ordinal) == true
                    && FilterReading(context) is { } filter:
                    FilterKernels(filter, substitution);
                    return;
                case IFieldReferenceOperation or IPropertyReferenceOperation:
                    StoredKernel(((IMemberReferenceOperation)value).Member, facts, substitution);
                    return;
                case IObjectCreationOperation creation:
                    // new Kernel(services, plugins), new KernelPluginCollection(plugins): the plugins it is given.
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.DefaultValue && (KernelTypes.IsPluginCollectionOrPlugin(argument.Parameter?.Type) || KernelTypes.IsEnumerableOfPlugins(argument.Parameter?.Type)))
                        {
                            Values(argument.Value, facts, substitution);
                        }
                    }

                    return;
                case IInvocationOperation invocation:
                    BuiltBy(invocation, facts, substitution);
                    return;
                default:
                    _tools.Untraceable("a kernel the analysis cannot follow");
                    return;
            }
        }

        private void BuiltBy(IInvocationOperation invocation, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            var method = invocation.TargetMethod;
            var receiver = OperationScope.GetInvocationTarget(invocation);
            if (method.Name == "CreateBuilder" && KernelTypes.IsKernel(method.ContainingType))
            {
                return;
            }

            if (KernelTypes.IsRegistration(method))
            {
                Register(invocation, facts, substitution);
                if (receiver is not null)
                {
                    Kernel(receiver, facts, substitution);
                }

                return;
            }

            if (method.Name is "GetService" or "GetRequiredService" or "GetKeyedService" or "GetRequiredKeyedService")
            {
                Container("the kernel comes from dependency injection");
                return;
            }

            if (!method.DeclaringSyntaxReferences.IsEmpty)
            {
                foreach (var (returned, bodyFacts) in Returned(method))
                {
                    Kernel(returned, bodyFacts, Compose(method, substitution));
                }

                return;
            }

            // builder.Build(), kernel.Clone(), builder.AddOpenAIChatCompletion(...): the kernel or builder they are called on.
            if (receiver is not null && KernelTypes.IsPluginHolder(receiver.Type))
            {
                Kernel(receiver, facts, substitution);
                return;
            }

            _tools.Untraceable("a kernel made by '" + method.ContainingType?.Name + "." + method.Name + "'");
        }

        /// <summary>
        /// The filter class whose method reads <paramref name="context"/>.Kernel, when the context is a Semantic Kernel
        /// filter's (FunctionInvocationContext, AutoFunctionInvocationContext, PromptRenderContext) and that method implements a filter.
        /// </summary>
        private static INamedTypeSymbol? FilterReading(IOperation context)
        {
            if (!AutoInvocation.IsSemanticKernel(context.Type) || context.SemanticModel?.GetEnclosingSymbol(context.Syntax.SpanStart) is not { } member)
            {
                return null;
            }

            for (var symbol = member; symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (symbol is INamedTypeSymbol type)
                {
                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (implemented.Name.EndsWith("Filter", System.StringComparison.Ordinal) && AutoInvocation.IsSemanticKernel(implemented))
                        {
                            return type;
                        }
                    }

                    return null;
                }
            }

            return null;
        }

        /// <summary>The kernels a filter runs for: the plugins registered where the filter is created or registered.</summary>
        private void FilterKernels(INamedTypeSymbol filter, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            if (!_visited.Add(filter))
            {
                return;
            }

            var roots = FilterRegistrations.Of(_compilation, filter);
            if (roots.IsEmpty)
            {
                _tools.Untraceable("the kernel is read from the context of the filter '" + filter.Name + "', which nothing in this compilation adds");
                return;
            }

            foreach (var root in roots)
            {
                var facts = FactsOf(root);
                foreach (var invocation in facts.Invocations)
                {
                    if (KernelTypes.IsRegistration(invocation.TargetMethod) && KernelTypes.IsPluginHolder(OperationScope.GetInvocationTarget(invocation)?.Type))
                    {
                        Register(invocation, facts, substitution);
                    }
                }
            }
        }

        /// <summary>A kernel from the service container: the plugins the compilation registers there (ContainerPlugins).</summary>
        private void Container(string how)
        {
            var container = ContainerPlugins.Of(_compilation);
            if (!container.RegistersKernel)
            {
                _tools.Untraceable(how + ", and this compilation does not register it");
                return;
            }

            foreach (var registration in container.Registrations)
            {
                Register(registration, FactsOf(registration), NoSubstitution);
            }
        }

        private void StoredKernel(ISymbol member, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            if (member.DeclaringSyntaxReferences.IsEmpty)
            {
                _tools.Untraceable("the kernel is read from '" + member.ContainingType?.Name + "." + member.Name + "'");
                return;
            }

            if (!_visited.Add(member.OriginalDefinition))
            {
                return;
            }

            // Registrations where the call is, and where each value is stored (the constructor that builds the kernel).
            Registrations(member, facts, substitution);
            var writes = _writes.Of(member);
            if (writes.IsEmpty)
            {
                _tools.Untraceable("the kernel '" + member.Name + "' is set outside its type");
            }

            foreach (var written in writes)
            {
                if (written.Parent is IArgumentOperation)
                {
                    continue;
                }

                var writerFacts = FactsOf(written);
                Kernel(written, writerFacts, substitution);
                if (writerFacts != facts)
                {
                    Registrations(member, writerFacts, substitution);
                }
            }
        }

        /// <summary>The plugin registrations in <paramref name="facts"/> on <paramref name="holder"/>, its Plugins or its Services.</summary>
        private void Registrations(ISymbol holder, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            foreach (var invocation in facts.Invocations)
            {
                if (OperationScope.GetInvocationTarget(invocation) is { } target && RefersTo(target, holder))
                {
                    if (KernelTypes.IsRegistration(invocation.TargetMethod))
                    {
                        Register(invocation, facts, substitution);
                    }
                    else if (OperationScope.Unwrap(target) is IPropertyReferenceOperation { Property.Name: "Plugins" } && !KernelTypes.IsReadOnly(invocation.TargetMethod))
                    {
                        _tools.Untraceable("plugins added by '" + invocation.TargetMethod.Name + "'");
                    }
                }
            }
        }

        private static bool RefersTo(IOperation target, ISymbol holder)
        {
            var unwrapped = OperationScope.Unwrap(target);
            if (OperationScope.TryGetTrackedSymbol(unwrapped, out var symbol))
            {
                return SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, holder.OriginalDefinition);
            }

            return unwrapped is IPropertyReferenceOperation { Property.Name: "Plugins" or "Services", Instance: { } instance } && RefersTo(instance, holder);
        }

        /// <summary>One plugin registration: the tools of the plugin it adds.</summary>
        private void Register(IInvocationOperation registration, MemberFacts facts, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution)
        {
            var method = registration.TargetMethod;
            var name = method.Name;
            if (name.EndsWith("FromType", System.StringComparison.Ordinal))
            {
                if (method.TypeArguments.Length == 1)
                {
                    PluginType(Substitute(method.TypeArguments[0], substitution));
                }
                else
                {
                    _tools.Untraceable("a plugin whose type is given at run time");
                }

                return;
            }

            if (name.EndsWith("FromObject", System.StringComparison.Ordinal))
            {
                var target = ToolInvocation.ArgumentValue(registration.Arguments, "target");
                if (target is not null && OperationScope.Unwrap(target) is IObjectCreationOperation { Type: { } created })
                {
                    PluginType(created);
                }
                else if (target?.Type is { TypeKind: TypeKind.Class or TypeKind.Struct } declared && declared.SpecialType != SpecialType.System_Object)
                {
                    PluginType(declared);
                }
                else
                {
                    _tools.Untraceable("a plugin object of a type the analysis cannot see");
                }

                return;
            }

            if (name.EndsWith("FromFunctions", System.StringComparison.Ordinal))
            {
                Values(ToolInvocation.ArgumentValue(registration.Arguments, "functions"), facts, substitution);
                return;
            }

            if (name.Contains("PromptDirectory"))
            {
                _tools.Add(ExposedTool.OfPromptFunction(ConstantArgument(registration, "pluginName", "pluginName") ?? "a prompt-directory plugin"));
                return;
            }

            if (name.Contains("OpenApi") || name.Contains("ApiManifest") || name.Contains("CopilotAgent") || name.Contains("Grpc"))
            {
                var plugin = ConstantArgument(registration, "pluginName", "pluginName");
                _tools.Add(ExposedTool.OfRemote(plugin is null ? "a remote API plugin" : "the plugin '" + plugin + "'", UntrustedSource.Of(UntrustedSourceKind.NetworkContent, "the responses of a remote API")));
                return;
            }

            // Plugins.Add(plugin), AddRange(plugins), Services.AddSingleton(plugin): the plugins they are given.
            var any = false;
            foreach (var argument in registration.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Ordinal > (method.IsExtensionMethod ? 0 : -1))
                {
                    any = true;
                    Values(argument.Value, facts, substitution);
                }
            }

            if (!any && method.TypeArguments.Length > 0 && KernelTypes.IsPluginCollectionOrPlugin(method.TypeArguments[method.TypeArguments.Length - 1]))
            {
                _tools.Untraceable("a plugin registered by type in the service container");
            }
        }

        /// <summary>The kernel functions of a plugin class: its methods marked [KernelFunction].</summary>
        private void PluginType(ITypeSymbol type)
        {
            if (type is ITypeParameterSymbol parameter)
            {
                _tools.Untraceable("a plugin given as the type parameter '" + parameter.Name + "'");
                return;
            }

            for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } function && AttributeNames.Has(function, "KernelFunctionAttribute"))
                    {
                        _tools.Add(ExposedTool.OfMethod(KernelFunctionName(function), function));
                    }
                }
            }
        }

        private static string KernelFunctionName(IMethodSymbol function)
        {
            foreach (var attribute in function.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "KernelFunctionAttribute" && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }

            return function.Name;
        }
    }
}
