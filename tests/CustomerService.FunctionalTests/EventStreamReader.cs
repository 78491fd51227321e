using System.Net.Http.Headers;

namespace CustomerService.FunctionalTests;

/// <summary>One Server-Sent Event as a browser's EventSource would dispatch it.</summary>
internal sealed record ServerSentEvent(string? Id, string Type, string Data);

/// <summary>Reads a <c>text/event-stream</c> response event by event, the way EventSource parses it.</summary>
internal sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, Stream body) =>
        (_response, _reader) = (response, new StreamReader(body));

    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event, or null when the server ended the stream; fails after <paramref name="timeout"/> of silence.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? id = null, type = null;
        List<string> data = [];
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No event arrived in time.");
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerSentEvent(id, type ?? "message", string.Join('\n', data));
                }

                (id, type) = (null, null);
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue; // a comment: heartbeats
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>The next comment line's text (a heartbeat), skipping anything else.</summary>
    public async Task<string> NextCommentAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(wait.Token) is { } line)
        {
            if (line.StartsWith(':'))
            {
                return line[1..].Trim();
            }
        }

        throw new InvalidOperationException("The stream ended without a comment.");
    }

    /// <summary>Events up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<ServerSentEvent>> ReadUntilAsync(Func<ServerSentEvent, bool> last, TimeSpan? timeout = null)
    {
        List<ServerSentEvent> events = [];
        while (await NextAsync(timeout) is { } next)
        {
            events.Add(next);
            if (last(next))
            {
                return events;
            }
        }

        throw new InvalidOperationException($"The stream ended after {events.Count} events without the one awaited.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
