using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerService.Embedded.Storage;

internal sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenReadAsync(cancellationToken);
            await connection.ScalarAsync("SELECT 1", null, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The embedded database cannot be read.", e);
        }
    }
}
