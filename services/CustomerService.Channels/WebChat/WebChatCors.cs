using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WebChat;

/// <summary>
/// Lets pages on other sites (<see cref="WebChatOptions.AllowedOrigins"/>) use the widget embedded from this host: the web chat's
/// message and event-stream endpoints, and their preflights, answer those origins; no other endpoint carries a CORS header.
/// <para>
/// Never with credentials: the widget sends no cookie (its customer id lives in the page's localStorage, an identity travels
/// signed in the body), so browsers need none, and no admin session could ride along. <c>*</c> is refused while
/// <see cref="WebChatOptions.IdentitySecret"/> is set: a signed identity is a bearer credential without expiry, and a site that
/// signs them is a known site; with <c>*</c> a copied signature would work from any page in any visitor's browser.
/// </para>
/// </summary>
public static class WebChatCors
{
    public const string PolicyName = "webchat";
    public const string AnyOrigin = "*";

    /// <summary>How long a browser may reuse a preflight: without it, every message the widget sends would cost two requests.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddWebChatCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<WebChatOptions>>((cors, webChat) => cors.AddPolicy(PolicyName, policy =>
        {
            var origins = webChat.Value.AllowedOrigins;
            if (origins is [var only] && only?.Trim() == AnyOrigin)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins.Select(o => Normalize(o)!)]); // validated at start-up
            }

            // JSON bodies need the preflight; the stream is a simple GET. Last-Event-ID: a browser's own EventSource reconnect.
            policy.WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept", "Last-Event-ID").SetPreflightMaxAge(PreflightMaxAge);
        }));
        return services;
    }

    /// <summary>Each entry's problem, naming its key (<c>WebChat:AllowedOrigins:0</c>).</summary>
    public static IEnumerable<string> Validate(WebChatOptions options)
    {
        var origins = options.AllowedOrigins;
        for (var i = 0; i < origins.Count; i++)
        {
            var key = $"{WebChatOptions.SectionName}:AllowedOrigins:{i}";
            if (origins[i]?.Trim() == AnyOrigin)
            {
                if (origins.Count > 1)
                {
                    yield return $"{key} is *, which allows every site: it must then be the only entry.";
                }
                else if (!string.IsNullOrEmpty(options.IdentitySecret))
                {
                    yield return $"{key} cannot be * while WebChat:IdentitySecret is set: list the sites that sign identities (a signed identity must not work from any page).";
                }
            }
            else if (Normalize(origins[i]) is null)
            {
                yield return $"{key} must be an origin: http:// or https://, a host and an optional port, without path, query or user, such as https://shop.example.com.";
            }
        }
    }

    /// <summary>The origin as browsers send it (<c>https://shop.example.com</c>: lower case, default port dropped), or null when it is not one.</summary>
    internal static string? Normalize(string? origin)
    {
        if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }
}
