using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// 微信客服's server API (spec §8) over the <c>wecom</c> client: each call takes the app's access_token (see
/// <see cref="WeComAccessTokens.CallAsync{T}"/>). Like <see cref="WeComApi"/>, a non-2xx status or a body that is not JSON throws,
/// and an errcode is the caller's to judge. Field names are WeCom's snake_case, spelled by the naming policy.
/// </summary>
public sealed class WeComKfApi(IHttpClientFactory httpClients)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public Task<WeComKfSyncResponse> SyncAsync(string accessToken, WeComKfSyncRequest request, CancellationToken cancellationToken) =>
        PostAsync<WeComKfSyncRequest, WeComKfSyncResponse>("kf/sync_msg", accessToken, request, cancellationToken);

    public Task<WeComSendResponse> SendAsync(string accessToken, WeComKfTextMessage message, CancellationToken cancellationToken) =>
        PostAsync<WeComKfTextMessage, WeComSendResponse>("kf/send_msg", accessToken, message, cancellationToken);

    public Task<WeComSendResponse> SendOnEventAsync(string accessToken, WeComKfEventMessage message, CancellationToken cancellationToken) =>
        PostAsync<WeComKfEventMessage, WeComSendResponse>("kf/send_msg_on_event", accessToken, message, cancellationToken);

    public Task<WeComKfServiceState> GetStateAsync(string accessToken, WeComKfCustomer customer, CancellationToken cancellationToken) =>
        PostAsync<WeComKfCustomer, WeComKfServiceState>("kf/service_state/get", accessToken, customer, cancellationToken);

    public Task<WeComKfTransResponse> TransAsync(string accessToken, WeComKfTransRequest request, CancellationToken cancellationToken) =>
        PostAsync<WeComKfTransRequest, WeComKfTransResponse>("kf/service_state/trans", accessToken, request, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string api, string accessToken, TRequest body, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(WeComApi.HttpClientName);
        using var response = await http.PostAsJsonAsync($"cgi-bin/{api}?access_token={Uri.EscapeDataString(accessToken)}", body, Json, cancellationToken);
        response.EnsureSuccessStatusCode(); // its message names the status only, never the URL
        return await response.Content.ReadFromJsonAsync<TResponse>(Json, cancellationToken)
            ?? throw new JsonException($"WeCom {api} answered with an empty body.");
    }
}

/// <summary><c>kf/sync_msg</c> (spec §8.2); <see cref="Token"/> is the callback's, a credential for 10 minutes.</summary>
public sealed record WeComKfSyncRequest(string? Cursor, string? Token, int Limit, string OpenKfid);

public sealed record WeComKfSyncResponse : WeComResponse
{
    public string? NextCursor { get; init; }

    public int HasMore { get; init; }

    public List<WeComKfMessage> MsgList { get; init; } = [];
}

/// <summary>One item of msg_list: a message (<see cref="Origin"/> 3 customer, 4 system, 5 servicer) or an event.</summary>
public sealed record WeComKfMessage
{
    public const int FromCustomer = 3;
    public const int FromServicer = 5;

    public string? Msgid { get; init; }

    public string? OpenKfid { get; init; }

    public string? ExternalUserid { get; init; }

    public long SendTime { get; init; }

    public int Origin { get; init; }

    public string? ServicerUserid { get; init; }

    public string? Msgtype { get; init; }

    public WeComText? Text { get; init; }

    public WeComKfEvent? Event { get; init; }
}

/// <summary>The <c>event</c> object of a msg_list item (spec §8.3); only the fields the bot acts on.</summary>
public sealed record WeComKfEvent
{
    public string? EventType { get; init; }

    public string? OpenKfid { get; init; }

    public string? ExternalUserid { get; init; }

    public string? WelcomeCode { get; init; }

    /// <summary>The 场景值 of the 客服链接 the customer came through: the channel code (活码).</summary>
    public string? Scene { get; init; }

    /// <summary>What the link carried after the scene (<c>scene_param</c>), e.g. <c>store_id=12&amp;activity=双11</c>.</summary>
    public string? SceneParam { get; init; }

    public int ChangeType { get; init; }

    public string? NewServicerUserid { get; init; }
}

/// <summary><c>kf/send_msg</c> of a text (spec §8.4); <see cref="Msgid"/> is our idempotency key, which WeCom dedupes on.</summary>
public sealed record WeComKfTextMessage(string Touser, string OpenKfid, string Msgid, WeComText Text)
{
    public string Msgtype { get; init; } = "text";
}

/// <summary><c>kf/send_msg_on_event</c> of a text (spec §8.6): <see cref="Code"/> is single-use.</summary>
public sealed record WeComKfEventMessage(string Code, string Msgid, WeComText Text)
{
    public string Msgtype { get; init; } = "text";
}

/// <summary>A customer of a kf account: the body of <c>kf/service_state/get</c>.</summary>
public sealed record WeComKfCustomer(string OpenKfid, string ExternalUserid);

public sealed record WeComKfServiceState : WeComResponse
{
    public int ServiceState { get; init; }

    public string? ServicerUserid { get; init; }
}

/// <summary><c>kf/service_state/trans</c> (spec §8.5): to 2 (queue) or 3 with <see cref="ServicerUserid"/>.</summary>
public sealed record WeComKfTransRequest(string OpenKfid, string ExternalUserid, int ServiceState, string? ServicerUserid);

public sealed record WeComKfTransResponse : WeComResponse
{
    /// <summary>The code for one queue notice through send_msg_on_event (48 h, while the session stays in that state).</summary>
    public string? MsgCode { get; init; }
}
