using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerService.Core.Knowledge;

/// <summary>Ready once the knowledge index has been built; degraded while it is empty (every question goes to a human).</summary>
internal sealed class KnowledgeHealthCheck(KnowledgeIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(index switch
        {
            { IsLoaded: false } => HealthCheckResult.Unhealthy("The knowledge index has not been built yet."),
            { Current.Units.Count: 0 } => HealthCheckResult.Degraded("The knowledge base is empty: every question is handed to a human."),
            _ => HealthCheckResult.Healthy($"{index.Current.Units.Count} knowledge units."),
        });
}
