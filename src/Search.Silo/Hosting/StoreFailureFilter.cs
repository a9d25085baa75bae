using System.Data.Common;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using Npgsql;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// Turns a database error that ends a grain call into a <see cref="StoreUnavailableException"/> carrying the
/// database's message. The driver's own exceptions cannot cross the wire (Orleans has no codec for them, so the
/// caller got a <c>CodecNotFoundException</c> that said nothing about the store), and workers have no driver to read
/// them with. The silo logs the original, with its stack.
/// </summary>
internal sealed partial class StoreFailureFilter(ILogger<StoreFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseErrorIn(e) is { } database)
        {
            var method = context.InterfaceMethod?.Name ?? context.MethodName;
            LogStoreFailure(logger, method, context.TargetId.ToString(), e);
            throw new StoreUnavailableException($"the store failed during {method}: {Describe(database)}");
        }
    }

    private static DbException? DatabaseErrorIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is DbException database) return database;
        return null;
    }

    private static string Describe(DbException e) => e switch
    {
        PostgresException server => $"{server.SqlState}: {server.MessageText}",
        _ when e.InnerException is { } inner => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store failed during {Method} on {Grain}; the caller is told to retry")]
    private static partial void LogStoreFailure(ILogger logger, string method, string grain, Exception exception);
}
