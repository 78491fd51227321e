using CustomerService.Abstractions.Customers;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// A 客服链接's scene as a channel code: the scene is the code; a <c>scene_param</c> shaped like a query string
/// (<c>store_id=12&amp;activity=双11</c>) gives its params, anything else is kept whole as <c>scene_param</c>.
/// </summary>
internal static class WeComKfScene
{
    /// <summary>The source, or null when the customer came without a scene or it breaks the channel-code limits.</summary>
    public static ChannelSource? From(string? scene, string? sceneParam)
    {
        if (string.IsNullOrWhiteSpace(scene))
        {
            return null;
        }

        Dictionary<string, string?> parameters = new(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(sceneParam))
        {
            if (sceneParam.Contains('=', StringComparison.Ordinal))
            {
                foreach (var pair in sceneParam.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var cut = pair.IndexOf('=', StringComparison.Ordinal);
                    var name = Uri.UnescapeDataString(cut < 0 ? pair : pair[..cut]);
                    parameters[name] = cut < 0 ? "" : Uri.UnescapeDataString(pair[(cut + 1)..]);
                }
            }
            else
            {
                parameters["scene_param"] = sceneParam;
            }
        }

        return ChannelSource.Validate(scene, parameters, "scene").Count == 0 ? ChannelSource.From(scene, parameters) : null;
    }
}
