using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerService.Core.Knowledge;

/// <summary>Ready once the catalog has been loaded; degraded while the knowledge base is empty (every question goes to a human).</summary>
internal sealed class KnowledgeHealthCheck(FaqCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog switch
        {
            { IsLoaded: false } => HealthCheckResult.Unhealthy("The knowledge base has not been loaded yet."),
            { EntryCount: 0 } => HealthCheckResult.Degraded("The knowledge base is empty: every question is handed to a human."),
            _ => HealthCheckResult.Healthy($"{catalog.EntryCount} FAQ entries."),
        });
}
