using System.Collections.Concurrent;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.WeCom;
using Microsoft.Extensions.DependencyInjection;
using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The real host with <see cref="WeComTestApp"/> configured, recording what its WeCom callbacks deliver and what replies it
/// queues for WeCom (a recording sender in place of the real one, which <c>WeComAppMessageTests</c> cover against a fake WeCom).
/// </summary>
internal sealed class WeComCallbackHost : IAsyncDisposable
{
    public WeComCallbackHost()
    {
        App = new CustomerServiceApp(settings: Settings(), services: s =>
        {
            s.AddSingleton(Deliveries);
            s.AddEventHandler<ChannelMessageReceived, WeComDeliveries.MessageHandler>();
            s.AddEventHandler<WeComKfEventReceived, WeComDeliveries.KfHandler>();
            s.Remove(s.Single(d => d.ImplementationType == typeof(WeComAppSender)));
            s.AddSingleton<IChannelSender>(Sender);
        });
        Client = App.CreateClient();
    }

    public WeComDeliveries Deliveries { get; } = new();

    public RecordingWeComSender Sender { get; } = new();

    public CustomerServiceApp App { get; }

    public HttpClient Client { get; }

    public Task<HttpResponseMessage> PostAsync(string message)
    {
        var callback = Signed(message);
        return Post(callback.Url, callback.Body);
    }

    public Task<HttpResponseMessage> Post(string url, string body) => Client.PostAsync(url, Xml(body));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(App.DataDirectory);
    }
}

/// <summary>Stands in for the WeCom message/send sender, so that these tests call no outside API.</summary>
internal sealed class RecordingWeComSender : IChannelSender
{
    public string Channel => "wecom";

    public ConcurrentQueue<ChannelReplyReady> Sent { get; } = new();

    public Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
    {
        Sent.Enqueue(reply);
        return Task.CompletedTask;
    }
}

internal sealed class WeComDeliveries
{
    private readonly ConcurrentQueue<ChannelMessageReceived> _messages = new();
    private readonly ConcurrentQueue<WeComKfEventReceived> _kfEvents = new();

    public IReadOnlyList<ChannelMessageReceived> Messages => [.. _messages];

    public IReadOnlyList<WeComKfEventReceived> KfEvents => [.. _kfEvents];

    /// <summary>Waits for the condition, then a little longer, so that a second delivery of anything would have arrived too.</summary>
    public static async Task SettleAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(300);
    }

    public sealed class MessageHandler(WeComDeliveries log) : IIntegrationEventHandler<ChannelMessageReceived>
    {
        public Task HandleAsync(ChannelMessageReceived @event, CancellationToken cancellationToken)
        {
            log._messages.Enqueue(@event);
            return Task.CompletedTask;
        }
    }

    public sealed class KfHandler(WeComDeliveries log) : IIntegrationEventHandler<WeComKfEventReceived>
    {
        public Task HandleAsync(WeComKfEventReceived @event, CancellationToken cancellationToken)
        {
            log._kfEvents.Enqueue(@event);
            return Task.CompletedTask;
        }
    }
}
