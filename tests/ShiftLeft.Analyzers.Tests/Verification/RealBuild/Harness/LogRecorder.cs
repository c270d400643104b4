// Part of every throwaway project the code-fix tests build (not compiled into the test project): a logging provider
// that keeps every entry with its structured state, so a test can read what the fixed code logged.
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Harness;

public sealed class LogRecorder : ILoggerProvider
{
    private readonly List<Entry> _entries = [];

    public sealed record Entry(string Category, string Level, string Message, Dictionary<string, string?> State);

    /// <summary>A factory at Debug: Microsoft.Extensions.AI's logging layer writes its records there (message content only at Trace).</summary>
    public static ILoggerFactory CreateFactory(LogRecorder recorder) =>
        LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(recorder));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <summary>What the tests read: every entry, and what the application returned.</summary>
    public string Report(string? result) => JsonSerializer.Serialize(new { entries = _entries, result });

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value?.ToString();
                }
            }

            lock (owner._entries)
            {
                owner._entries.Add(new Entry(category, logLevel.ToString(), formatter(state, exception), values));
            }
        }
    }
}
