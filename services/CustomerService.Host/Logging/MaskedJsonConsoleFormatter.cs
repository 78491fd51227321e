using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CustomerService.Host.Logging;

/// <summary>One JSON object per log line, with every string value passed through <see cref="SensitiveDataMasker"/>.</summary>
internal sealed class MaskedJsonConsoleFormatter(TimeProvider time) : ConsoleFormatter(Name)
{
    public new const string Name = "masked-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", time.GetUtcNow());
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0 || logEntry.EventId.Name is not null)
            {
                json.WriteNumber("eventId", logEntry.EventId.Id);
            }

            json.WriteString("message", SensitiveDataMasker.Mask(message ?? ""));
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in properties)
                {
                    if (key == "{OriginalFormat}") continue;
                    json.WriteString(key, SensitiveDataMasker.Mask(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }

                json.WriteEndObject();
            }

            if (logEntry.Exception is not null)
            {
                json.WriteString("exception", SensitiveDataMasker.Mask(logEntry.Exception.ToString()));
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }
}
