using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Knowledge;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.State;
using CustomerService.Abstractions.Tickets;
using CustomerService.Abstractions.Timers;
using CustomerService.Embedded.Conversations;
using CustomerService.Embedded.Customers;
using CustomerService.Embedded.Knowledge;
using CustomerService.Embedded.Messaging;
using CustomerService.Embedded.State;
using CustomerService.Embedded.Storage;
using CustomerService.Embedded.Tickets;
using CustomerService.Embedded.Timers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class EmbeddedExtensions
{
    /// <summary>The one-process adapters: every port over one SQLite file under <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddEmbeddedBuildingBlocks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddOptions<EventBusOptions>().BindConfiguration(EventBusOptions.SectionName).ValidateOnStart();
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<EventBusOptions>, EventBusOptionsValidator>();
        services.AddSingleton<IValidateOptions<TimerOptions>, TimerOptionsValidator>();

        services.AddSingleton<SqliteDatabase>();

        services.AddSingleton<SqliteEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<SqliteEventBus>());
        services.AddSingleton<IDeadLetterQueue, SqliteDeadLetterQueue>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddSingleton<IStateStore, SqliteStateStore>();

        services.AddSingleton<SqliteDurableTimers>();
        services.AddSingleton<IDurableTimers>(sp => sp.GetRequiredService<SqliteDurableTimers>());
        services.AddSingleton<TimerDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerDispatcher>());

        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddSingleton<IFaqStore, SqliteFaqStore>();
        services.AddSingleton<IVectorIndex, SqliteVectorIndex>();
        services.AddSingleton<IDocumentStore, SqliteDocumentStore>();
        services.AddSingleton<IIngestionJobStore, SqliteIngestionJobStore>();
        services.AddSingleton<ISynonymStore, SqliteSynonymStore>();
        services.AddSingleton<ICustomerTags, SqliteCustomerTags>();
        services.AddSingleton<ICustomerSources, SqliteCustomerSources>();
        services.AddSingleton<ICustomerDirectory, SqliteCustomerDirectory>();
        services.AddSingleton<ITicketStore, SqliteTicketStore>();
        services.AddSingleton<CustomerService.Abstractions.Audit.IAuditLog, CustomerService.Embedded.Audit.SqliteAuditLog>();

        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite", tags: ["ready"]);
        return services;
    }
}
