// Usage:
//   if (shiftLeft.LogSinks.TryClassify(invocation, out var kind))
//       foreach (var argument in LogSinkClassifier.LoggedArguments(invocation)) { ... }
// Log sinks for prompt/response logging: ILogger.Log and LoggerExtensions.Log* (any ILogger implementation),
// [LoggerMessage] methods (source-generated), methods in shiftleft.audit_log_methods, methods marked [AuditLog]
// (or declared in a type marked [AuditLog]). Console/Debug/Serilog sinks (SL0003) are layered on top by that rule.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using System.Collections.Generic;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal enum LogSinkKind
    {
        /// <summary>ILogger.Log or a LoggerExtensions.Log* extension.</summary>
        LoggerApi,

        /// <summary>A [LoggerMessage] partial method.</summary>
        LoggerMessage,

        /// <summary>A configured or [AuditLog]-marked audit method.</summary>
        AuditLog,
    }

    internal sealed class LogSinkClassifier
    {
        private readonly AiSymbols _symbols;
        private readonly SymbolNameList _auditMethods;

        // Answers per declared method: a member body asks about the same few methods again and again.
        private readonly AnswerCache<IMethodSymbol, LogSinkKind?> _cache;

        public LogSinkClassifier(AiSymbols symbols, ShiftLeftOptions options)
        {
            _symbols = symbols;
            _auditMethods = options.AuditLogMethods;
            _cache = new AnswerCache<IMethodSymbol, LogSinkKind?>(SymbolEqualityComparer.Default, Classify);
        }

        public bool TryClassify(IInvocationOperation? invocation, out LogSinkKind kind) =>
            TryClassify(invocation?.TargetMethod, out kind);

        public bool TryClassify(IMethodSymbol? method, out LogSinkKind kind)
        {
            kind = default;
            if (method is null)
            {
                return false;
            }

            var cached = _cache.Get((method.ReducedFrom ?? method).OriginalDefinition);
            kind = cached.GetValueOrDefault();
            return cached.HasValue;
        }

        private LogSinkKind? Classify(IMethodSymbol declared)
        {
            if (_symbols.LoggerExtensions is not null
                && SymbolEqualityComparer.Default.Equals(declared.ContainingType, _symbols.LoggerExtensions)
                && declared.Name.StartsWith("Log", System.StringComparison.Ordinal))
            {
                return LogSinkKind.LoggerApi;
            }

            if (_symbols.ILogger is not null && declared.Name == "Log")
            {
                foreach (var related in MethodIdentity.RelatedMethods(declared))
                {
                    if (SymbolEqualityComparer.Default.Equals(related.ContainingType, _symbols.ILogger))
                    {
                        return LogSinkKind.LoggerApi;
                    }
                }
            }

            if (AttributeNames.Has(declared, "LoggerMessageAttribute"))
            {
                return LogSinkKind.LoggerMessage;
            }

            if (_auditMethods.MatchesMethod(declared) || AttributeNames.HasOnSymbolOrContainingTypes(declared, AttributeNames.AuditLog))
            {
                return LogSinkKind.AuditLog;
            }

            return null;
        }

        /// <summary>The arguments whose values end up in the log: everything but the logger itself, level, event id and cancellation.</summary>
        public static IEnumerable<IArgumentOperation> LoggedArguments(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsLogged(argument))
                {
                    yield return argument;
                }
            }
        }

        /// <summary>Whether the argument's value ends up in the log (see <see cref="LoggedArguments"/>; without an iterator, for hot loops).</summary>
        public static bool IsLogged(IArgumentOperation argument)
        {
            var parameter = argument.Parameter;
            return parameter is not null
                && argument.ArgumentKind != ArgumentKind.DefaultValue
                && parameter.Type.Name is not ("ILogger" or "LogLevel" or "EventId" or "CancellationToken");
        }
    }
}
