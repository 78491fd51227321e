using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerService.FunctionalTests;

/// <summary>Where fakes of vendor APIs (WeCom, DingTalk) run: a minimal web app on 127.0.0.1 and a free port, without logging.</summary>
internal static class LoopbackApi
{
    /// <summary>The app to map the fake's routes on; start it with <c>StartAsync</c>.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The started app's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static string BaseUrl(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
