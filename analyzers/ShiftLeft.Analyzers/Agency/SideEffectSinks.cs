// Usage: SideEffectSinks.TryClassify(operation, out var effect) → effect.What "writes a database", effect.Call "DbContext.SaveChangesAsync".
// The calls through which code acts on the world, each recognised by its declaring type (by name and namespace, so a
// library that is not referenced costs nothing):
//   database   DbContext.SaveChanges*, EF Core ExecuteUpdate*/ExecuteDelete*/ExecuteSql*, DbCommand/IDbCommand.ExecuteNonQuery*,
//              Dapper's Execute/ExecuteAsync (Query*, ExecuteScalar* and ExecuteReader* read, and are not counted)
//   HTTP       HttpClient.PostAsync/PutAsync/PatchAsync/DeleteAsync, the *AsJsonAsync and DeleteFromJsonAsync helpers,
//              Send/SendAsync of a request whose method is written as a constant other than GET/HEAD/OPTIONS/TRACE
//   files      File.Write*/Append*/Create*/Delete/Move/Copy/Replace, Directory.Delete/CreateDirectory/Move, the same on
//              FileInfo/DirectoryInfo, new StreamWriter(path), new FileStream(path, a mode that creates or appends)
//   processes  Process.Start
//   mail and messages  System.Net.Mail.SmtpClient and MailKit's SMTP client Send*, MailKit folder changes (move, copy,
//              flags, expunge, append), Azure Service Bus senders
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    /// <summary>How one call acts on the world.</summary>
    internal readonly struct SideEffect
    {
        public SideEffect(string what, string call)
        {
            What = what;
            Call = call;
        }

        /// <summary>"writes a database", "sends HTTP POST", "deletes files", …</summary>
        public string What { get; }

        /// <summary>The call as a reader knows it: "DbContext.SaveChangesAsync".</summary>
        public string Call { get; }
    }

    internal static class SideEffectSinks
    {
        public static bool TryClassify(IOperation operation, out SideEffect effect)
        {
            effect = default;
            return operation switch
            {
                IInvocationOperation invocation => TryClassify(invocation, out effect),
                IObjectCreationOperation creation => TryClassify(creation, out effect),
                _ => false,
            };
        }

        private static bool TryClassify(IInvocationOperation invocation, out SideEffect effect)
        {
            effect = default;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            var name = method.Name;
            string? what = null;
            var shown = type.Name;
            switch (name)
            {
                case "SaveChanges" or "SaveChangesAsync" when DerivesFromNamed(type, "DbContext", "Microsoft.EntityFrameworkCore"):
                    what = "writes a database";
                    shown = "DbContext";
                    break;
                case "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync"
                    or "ExecuteSql" or "ExecuteSqlAsync" or "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "ExecuteSqlInterpolated" or "ExecuteSqlInterpolatedAsync"
                    when Namespaces.Contains(type, "Microsoft.EntityFrameworkCore"):
                    what = "writes a database";
                    break;
                case "ExecuteNonQuery" or "ExecuteNonQueryAsync" when IsDbCommand(type):
                    what = "writes a database";
                    break;
                case "Execute" or "ExecuteAsync" when type.Name == "SqlMapper" && Namespaces.Contains(type, "Dapper"):
                    what = "writes a database";
                    shown = "Dapper";
                    break;
                case "PostAsync" or "PutAsync" or "PatchAsync" or "DeleteAsync" when IsHttpClient(type):
                    what = "sends HTTP " + HttpVerb(name);
                    break;
                case "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync" or "DeleteFromJsonAsync" when Namespaces.Contains(type, "System.Net.Http.Json"):
                    what = "sends HTTP " + HttpVerb(name);
                    shown = "HttpClient";
                    break;
                case "Send" or "SendAsync" when IsHttpClient(type) && SentMethod(invocation) is { } verb:
                    what = "sends HTTP " + verb;
                    break;
                case "Start" when type.Name == "Process" && Namespaces.Contains(type, "System.Diagnostics"):
                    what = "starts a process";
                    break;
                case "Send" or "SendAsync" or "SendMailAsync" when IsMailClient(type):
                    what = "sends mail";
                    break;
                case "MoveTo" or "MoveToAsync" or "CopyTo" or "CopyToAsync" or "AddFlags" or "AddFlagsAsync" or "RemoveFlags" or "RemoveFlagsAsync"
                    or "SetFlags" or "SetFlagsAsync" or "Store" or "StoreAsync" or "Expunge" or "ExpungeAsync" or "Append" or "AppendAsync"
                    when IsMailKitFolder(type):
                    what = "changes a mailbox";
                    break;
                case "SendMessageAsync" or "SendMessagesAsync" or "SendMessage" or "SendMessages" or "ScheduleMessageAsync" or "ScheduleMessagesAsync"
                    when type.Name == "ServiceBusSender" && Namespaces.Contains(type, "Azure.Messaging.ServiceBus"):
                    what = "sends messages";
                    break;
                default:
                    what = FileEffect(type, name);
                    break;
            }

            if (what is null)
            {
                return false;
            }

            effect = new SideEffect(what, shown + "." + name);
            return true;
        }

        private static bool TryClassify(IObjectCreationOperation creation, out SideEffect effect)
        {
            effect = default;
            if (creation.Type is not INamedTypeSymbol { } type || !Namespaces.Contains(type, "System.IO") || creation.Constructor is not { Parameters.Length: > 0 } constructor)
            {
                return false;
            }

            var writes = type.Name switch
            {
                "StreamWriter" => constructor.Parameters[0].Type.SpecialType == SpecialType.System_String,
                "FileStream" => constructor.Parameters[0].Type.SpecialType == SpecialType.System_String && CreatesOrAppends(creation),
                _ => false,
            };
            if (writes)
            {
                effect = new SideEffect("writes files", "new " + type.Name);
            }

            return writes;
        }

        private static string? FileEffect(INamedTypeSymbol type, string name)
        {
            if (!Namespaces.Contains(type, "System.IO"))
            {
                return null;
            }

            switch (type.Name)
            {
                case "File":
                    if (name is "Delete")
                    {
                        return "deletes files";
                    }

                    return name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Append", StringComparison.Ordinal)
                        || name.StartsWith("Create", StringComparison.Ordinal) || name is "Move" or "Copy" or "Replace"
                        ? "writes files" : null;
                case "Directory":
                    return name switch
                    {
                        "Delete" => "deletes files",
                        "CreateDirectory" or "Move" => "writes files",
                        _ => null,
                    };
                case "FileInfo" or "DirectoryInfo":
                    return name switch
                    {
                        "Delete" => "deletes files",
                        "MoveTo" or "CopyTo" or "Create" or "CreateText" or "AppendText" or "Replace" or "CreateSubdirectory" => "writes files",
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        /// <summary>The HTTP method of the request a Send/SendAsync sends, when it is written as a constant other than a safe one.</summary>
        private static string? SentMethod(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.Name != "HttpRequestMessage")
                {
                    continue;
                }

                var request = OperationScope.Unwrap(argument.Value);
                if (request is ILocalReferenceOperation local)
                {
                    foreach (var written in WrittenValues.Of(local.Local, local))
                    {
                        if (RequestMethod(OperationScope.Unwrap(written)) is { } fromLocal)
                        {
                            return fromLocal;
                        }
                    }

                    return null;
                }

                return RequestMethod(request);
            }

            return null;
        }

        private static string? RequestMethod(IOperation request)
        {
            if (request is not IObjectCreationOperation { Type.Name: "HttpRequestMessage" } creation)
            {
                return null;
            }

            IOperation? method = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "method")
                {
                    method = argument.Value;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Method" } } assignment)
                    {
                        method = assignment.Value;
                    }
                }
            }

            var verb = method is null ? null : OperationScope.Unwrap(method) switch
            {
                IPropertyReferenceOperation { Property.ContainingType.Name: "HttpMethod" } property => property.Property.Name.ToUpperInvariant(),
                IObjectCreationOperation { Type.Name: "HttpMethod", Arguments.Length: 1 } created when created.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string text } => text.ToUpperInvariant(),
                _ => null,
            };
            return verb is null or "GET" or "HEAD" or "OPTIONS" or "TRACE" ? null : verb;
        }

        /// <summary>FileMode.Create, CreateNew, Append, Truncate or OpenOrCreate as the mode argument.</summary>
        private static bool CreatesOrAppends(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.Name == "FileMode" && OperationScope.Unwrap(argument.Value) is IFieldReferenceOperation { Field.Name: var mode })
                {
                    return mode is "Create" or "CreateNew" or "Append" or "Truncate" or "OpenOrCreate";
                }
            }

            return false;
        }

        private static string HttpVerb(string method) =>
            method.StartsWith("Post", StringComparison.Ordinal) ? "POST"
            : method.StartsWith("Put", StringComparison.Ordinal) ? "PUT"
            : method.StartsWith("Patch", StringComparison.Ordinal) ? "PATCH"
            : "DELETE";

        private static bool IsHttpClient(INamedTypeSymbol type) =>
            type.Name is "HttpClient" or "HttpMessageInvoker" && Namespaces.Contains(type, "System.Net.Http");

        private static bool IsMailClient(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if ((current.Name == "SmtpClient" && Namespaces.Contains(current, "System.Net.Mail"))
                    || (current.Name is "SmtpClient" or "MailTransport" && Namespaces.Contains(current, "MailKit")))
                {
                    return true;
                }
            }

            return type.TypeKind == TypeKind.Interface && type.Name is "IMailTransport" or "ISmtpClient" && Namespaces.Contains(type, "MailKit");
        }

        private static bool IsMailKitFolder(INamedTypeSymbol type) =>
            type.Name is "IMailFolder" or "MailFolder" or "ImapFolder" or "IMailFolderExtensions" && Namespaces.Contains(type, "MailKit");

        private static bool IsDbCommand(INamedTypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                return type.Name == "IDbCommand" && Namespaces.Contains(type, "System.Data");
            }

            return DerivesFromNamed(type, "DbCommand", "System.Data.Common") || Implements(type, "IDbCommand", "System.Data");
        }

        private static bool DerivesFromNamed(INamedTypeSymbol type, string name, string root)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == name && Namespaces.Contains(current, root))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol type, string name, string root)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == name && Namespaces.Contains(implemented, root))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
