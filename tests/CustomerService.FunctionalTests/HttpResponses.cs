using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerService.FunctionalTests;

internal static class HttpResponses
{
    public sealed record ChatReply(string ConversationId, string Reply, double Confidence, string? MatchedIntent, bool Handoff, List<CitationView> Citations);

    public sealed record CitationView(string Id, string Title);

    public static async Task<ChatReply> AskAsync(this HttpClient client, string customerId, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/webchat/messages", new { customerId, text });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatReply>())!;
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Asserts a problem-details body and returns it for further checks.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
