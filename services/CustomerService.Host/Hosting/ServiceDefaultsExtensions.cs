using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerService.Host.Logging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every role of the host shares: masked structured logs, problem details, JSON, health, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Only the masking formatter writes logs, so no provider can leak an unmasked line.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = MaskedJsonConsoleFormatter.Name);
        builder.Logging.AddConsoleFormatter<MaskedJsonConsoleFormatter, ConsoleFormatterOptions>();

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Live: the process answers. Ready: its storage and knowledge base are usable.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        return app;
    }
}
