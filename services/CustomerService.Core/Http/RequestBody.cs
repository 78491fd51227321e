using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CustomerService.Core.Http;

/// <summary>Reads a request body up to a limit, so an oversized upload is refused rather than buffered.</summary>
public static class RequestBody
{
    /// <returns>The bytes, or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Lifts the server's own body limit for this request to ours, which is then enforced while reading.</summary>
    public static void AllowUpTo(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
    }

    public static bool HasMediaType(HttpRequest request, params string[] mediaTypes) =>
        request.ContentType is { } contentType
        && mediaTypes.Any(m => contentType.Split(';')[0].Trim().Equals(m, StringComparison.OrdinalIgnoreCase));
}
