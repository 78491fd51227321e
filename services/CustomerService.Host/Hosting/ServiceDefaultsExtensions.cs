using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerService.Host.Logging;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every role of the host shares: masked structured logs, problem details, JSON, health, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The shipped defaults travel with the executable, under every other source, so the host also
        // starts from a working directory that has no appsettings.json of its own.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });

        // Only the masking formatter writes logs, so no provider can leak an unmasked line.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = MaskedJsonConsoleFormatter.Name);
        builder.Logging.AddConsoleFormatter<MaskedJsonConsoleFormatter, ConsoleFormatterOptions>();

        // A parameter that does not bind (?limit=abc) becomes a problem that names it, not a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddCors(); // no default policy: only endpoints that name one (the web chat's) answer other origins
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException, // the client's mistake, not ours
        });
        app.UseStatusCodePages();
        app.UseCors(); // after routing (implicit), so each endpoint's own policy applies, preflights included

        // Live: the process answers. Ready: its storage and knowledge base are usable.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        return app;
    }
}
