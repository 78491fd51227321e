using System.Diagnostics;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Benchmarks;

/// <summary>
/// Wraps the host's own store, responder and event bus (and its request pipeline) in timers, from the
/// outside: the host's code is unchanged, only what its container hands out is decorated.
/// </summary>
internal static class TimingDecorators
{
    public static void Register(IServiceCollection services, StageTimings timings)
    {
        Decorate<IConversationStore>(services, inner => new TimedConversationStore(inner, timings));
        Decorate<IResponder>(services, inner => new TimedResponder(inner, timings));
        Decorate<IEventBus>(services, inner => new TimedEventBus(inner, timings));
        Decorate<ICustomerDirectory>(services, inner => new TimedCustomerDirectory(inner, timings));
        services.AddSingleton<IStartupFilter>(new ServerTimingFilter(timings));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"The host registers no {typeof(T).Name} to time.");
        if (descriptor.Lifetime != ServiceLifetime.Singleton)
        {
            throw new InvalidOperationException($"{typeof(T).Name} is no longer a singleton; update the timing decorator.");
        }

        services.Remove(descriptor);
        services.AddSingleton(sp => wrap((T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!))));
    }

    private sealed class TimedConversationStore(IConversationStore inner, StageTimings timings) : IConversationStore
    {
        public Task<Conversation> GetOrOpenAsync(string channel, string customerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            timings.TimeAsync("store: get or open conversation", () => inner.GetOrOpenAsync(channel, customerId, now, cancellationToken));

        public Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default) =>
            inner.FindAsync(conversationId, cancellationToken);

        public Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
            timings.TimeAsync("store: append customer message", () => inner.AppendAsync(message, cancellationToken));

        public Task AppendAsync(ChatMessage message, ConversationStatus status, CancellationToken cancellationToken = default) =>
            timings.TimeAsync("store: append bot reply", () => inner.AppendAsync(message, status, cancellationToken));

        public Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListMessagesAsync(conversationId, limit, cancellationToken);

        public Task<IReadOnlyList<SequencedMessage>> ListMessagesAfterAsync(string conversationId, long afterSequence, int limit,
            CancellationToken cancellationToken = default) =>
            inner.ListMessagesAfterAsync(conversationId, afterSequence, limit, cancellationToken);
    }

    private sealed class TimedResponder(IResponder inner, StageTimings timings) : IResponder
    {
        public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken) =>
            timings.TimeAsync("responder: FAQ match", () => inner.RespondAsync(turn, cancellationToken));
    }

    private sealed class TimedEventBus(IEventBus inner, StageTimings timings) : IEventBus
    {
        public Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default) =>
            timings.TimeAsync("outbox: publish hand-off", () => inner.PublishAsync(@event, cancellationToken));
    }

    // Only resolutions the OneID cache misses reach the directory: its count shows how often a turn pays for one.
    private sealed class TimedCustomerDirectory(ICustomerDirectory inner, StageTimings timings) : ICustomerDirectory
    {
        public Task<CustomerResolution> ResolveAsync(ChannelAccount account, VerifiedIdentity? identity, CancellationToken cancellationToken = default) =>
            timings.TimeAsync("directory: OneID cache miss", () => inner.ResolveAsync(account, identity, cancellationToken));

        public Task<CustomerProfile?> FindAsync(string customerId, CancellationToken cancellationToken = default) =>
            inner.FindAsync(customerId, cancellationToken);

        public Task<CustomerProfile?> FindByAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default) =>
            inner.FindByAccountAsync(account, cancellationToken);

        public Task<CustomerProfile?> UpdateAsync(string customerId, CustomerProfileUpdate update, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(customerId, update, cancellationToken);
    }

    // Outermost middleware: from the parsed request to the written response, for the message endpoint only.
    private sealed class ServerTimingFilter(StageTimings timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                var started = Stopwatch.GetTimestamp();
                await proceed(context);
                if (context.Request.Path.StartsWithSegments("/api/webchat/messages", StringComparison.Ordinal))
                {
                    timings.Record(StageTimings.Server, Stopwatch.GetTimestamp() - started);
                }
            });
            next(app);
        };
    }
}
