using System.Collections.Concurrent;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Conformance;
using CustomerService.UnitTests.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Plugins;

/// <summary>The plugins over the real SQLite stores, with a bus that records what they publish.</summary>
internal sealed class PluginHost(IPortHarness harness) : IAsyncDisposable
{
    public static readonly ConversationContext Alice = new("cust-alice", "conv-alice-1", "webchat");

    public static async Task<PluginHost> StartAsync() =>
        new(await EmbeddedHarness.StartAsync(services =>
        {
            services.AddPlugins();
            services.AddSingleton<RecordingEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RecordingEventBus>());
        }));

    public IServiceProvider Services => harness.Services;

    public DateTimeOffset Now => harness.Time.GetUtcNow();

    public RecordingEventBus Events => Get<RecordingEventBus>();

    public T Get<T>() where T : notnull => harness.Get<T>();

    /// <summary>What the conversation pipeline does around a turn.</summary>
    public IDisposable Begin(ConversationContext? context = null) => Get<IConversationContextAccessor>().Begin(context ?? Alice);

    public ValueTask DisposeAsync() => harness.DisposeAsync();
}

internal sealed class RecordingEventBus : IEventBus
{
    private readonly ConcurrentQueue<IntegrationEvent> _published = new();

    public IReadOnlyList<IntegrationEvent> Published => [.. _published];

    public IReadOnlyList<T> Of<T>() where T : IntegrationEvent => [.. _published.OfType<T>()];

    public Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        _published.Enqueue(@event);
        return Task.CompletedTask;
    }
}
