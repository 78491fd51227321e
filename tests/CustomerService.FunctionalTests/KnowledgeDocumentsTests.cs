using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerService.FunctionalTests;

/// <summary>Document upload, background ingestion, hybrid search, replace and delete through the real host.</summary>
public sealed class KnowledgeDocumentsTests : IAsyncLifetime
{
    private static readonly string[] InvoiceSynonyms = ["报销凭证", "开票流程"];
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    private const string Policy = "# 会员权益\n\n## 生日礼\n\n会员生日当月可以领取一张五十元无门槛优惠券，有效期三十天。\n\n## 积分\n\n每消费一元累计一个积分，积分可以在积分商城兑换礼品。";

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: new Dictionary<string, string?> { ["Knowledge:MaxDocumentBytes"] = "4096" });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(string fileName, byte[] content, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        using var response = await _client.PostAsync("/api/knowledge/documents", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<string> IngestAsync(string fileName, string text, params (string Name, string Value)[] fields)
    {
        var (status, body) = await UploadAsync(fileName, Encoding.UTF8.GetBytes(text), fields);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = await WaitForJobAsync(body.GetProperty("jobId").GetString()!);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(["extract", "normalise", "chunk", "embed", "index"], job.GetProperty("stepsDone").EnumerateArray().Select(s => s.GetString()));
        return body.GetProperty("documentId").GetString()!;
    }

    private async Task<JsonElement> WaitForJobAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/jobs/{jobId}");
            if (job.GetProperty("state").GetString() is "succeeded" or "failed") return job;
            Assert.True(DateTime.UtcNow < deadline, "the ingestion job did not finish");
            await Task.Delay(25);
        }
    }

    private async Task<List<JsonElement>> SearchAsync(string query, string mode = "hybrid", string filter = "") =>
        [.. (await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/search?q={Uri.EscapeDataString(query)}&mode={mode}{filter}")).EnumerateArray()];

    private static bool From(JsonElement hit, string documentId) => hit.GetProperty("documentId").GetString() == documentId;

    [Fact]
    public async Task An_uploaded_document_is_chunked_under_its_headings_and_found_by_every_index()
    {
        var id = await IngestAsync("members.md", Policy, ("category", "会员"), ("tags", "VIP, 权益"));

        var chunks = (await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}/chunks")).EnumerateArray().ToList();
        Assert.Equal(2, chunks.Count);
        Assert.Equal(["会员权益", "生日礼"], chunks[0].GetProperty("headingPath").EnumerateArray().Select(h => h.GetString()));
        var document = await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}");
        Assert.Equal(("会员权益", "ready", 2, "zh"), (document.GetProperty("title").GetString(), document.GetProperty("status").GetString(),
            document.GetProperty("chunkCount").GetInt32(), document.GetProperty("language").GetString()));

        foreach (var mode in new[] { "hybrid", "lexical", "vector" })
        {
            var hit = (await SearchAsync("生日当月优惠券", mode, "&category=" + Uri.EscapeDataString("会员")))[0];
            Assert.Equal(id, hit.GetProperty("documentId").GetString());
            Assert.Contains("五十元无门槛优惠券", hit.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(id, hit.GetProperty("citation").GetProperty("documentId").GetString());
        }

        var filtered = await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/search?q=" + Uri.EscapeDataString("生日当月优惠券") + "&category=发票");
        Assert.DoesNotContain(filtered.EnumerateArray(), h => h.GetProperty("documentId").GetString() == id);
    }

    [Fact]
    public async Task The_web_chat_answers_from_a_document_passage_and_cites_it()
    {
        var id = await IngestAsync("members.md", Policy);
        // The job succeeds before the background BM25 rebuild it requested has finished: under load, wait for the index.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await SearchAsync("生日当月优惠券", "lexical")).Any(h => From(h, id)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the index never showed the document");
            await Task.Delay(25);
        }

        var reply = await _client.AskAsync("c-doc", "会员生日当月可以领取一张五十元无门槛优惠券吗");

        Assert.False(reply.Handoff);
        Assert.Contains("五十元无门槛优惠券", reply.Reply, StringComparison.Ordinal);
        var citation = Assert.Single(reply.Citations);
        Assert.Equal(id, citation.Id);
        Assert.Equal("会员权益 › 生日礼", citation.Title);
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_chunks_and_a_failed_one_leaves_the_last_good_version()
    {
        var id = await IngestAsync("fees.md", "# 运费\n\n旧版政策：每单运费十元。");
        Assert.Equal(id, await IngestAsync("fees.md", "# 运费\n\n新版政策：全场包邮。", ("id", id)));

        var (status, problem) = await UploadAsync("fees.md", [], ("id", id));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var job = await WaitForJobAsync(problem.GetProperty("jobId").GetString()!);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        var chunks = (await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}/chunks")).EnumerateArray().ToList();
        Assert.All(chunks, c => Assert.Contains("新版政策", c.GetProperty("text").GetString(), StringComparison.Ordinal));
        var document = await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}");
        Assert.Equal(("ready", 2), (document.GetProperty("status").GetString(), document.GetProperty("version").GetInt32()));
        Assert.DoesNotContain(await SearchAsync("每单运费十元"), h => h.GetProperty("text").GetString()!.Contains("旧版", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_document_removes_it_from_every_index()
    {
        var id = await IngestAsync("members.md", Policy);

        using var deleted = await _client.DeleteAsync($"/api/knowledge/documents/{id}");
        using var again = await _client.DeleteAsync($"/api/knowledge/documents/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.ProblemAsync(404);
        foreach (var mode in new[] { "lexical", "vector" })
        {
            Assert.DoesNotContain(await SearchAsync("生日当月优惠券", mode), h => h.GetProperty("documentId").GetString() == id);
        }

        using var chunks = await _client.GetAsync($"/api/knowledge/documents/{id}/chunks");
        await chunks.ProblemAsync(404);
    }

    [Fact]
    public async Task Synonyms_kept_by_knowledge_managers_are_used_at_query_time()
    {
        var id = await IngestAsync("invoice.md", "# 开票\n\n开票流程：在订单详情页点击申请开票，填写抬头和税号即可。");
        Assert.DoesNotContain(await SearchAsync("报销凭证", "lexical"), h => From(h, id));

        using var saved = await _client.PutAsJsonAsync("/api/knowledge/synonyms/invoice", new { terms = InvoiceSynonyms });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains(await SearchAsync("报销凭证", "lexical"), h => From(h, id));
    }

    [Theory]
    [InlineData("policy.docx", "not a valid Word document", 400)]
    [InlineData("notes.md", "binary", 400)]
    [InlineData("empty.txt", "empty", 400)]
    [InlineData("faq.csv", "header", 400)]
    [InlineData("setup.exe", ".exe", 415)]
    public async Task Bad_content_is_refused_with_the_reason_and_nothing_is_indexed(string fileName, string reason, int status)
    {
        byte[] content = fileName switch
        {
            "policy.docx" => [0x50, 0x4B, 0x03, 0x04, 0x13, 0x37, 0x00, 0xFF, 0x42],
            "notes.md" => [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x00, 0x01],
            "empty.txt" => [],
            "faq.csv" => Encoding.UTF8.GetBytes("问,答\n怎么退货,在订单页申请\n"),
            _ => [0x4D, 0x5A, 0x90, 0x00],
        };

        var (code, problem) = await UploadAsync(fileName, content);

        Assert.Equal(status, (int)code);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var job = await WaitForJobAsync(problem.GetProperty("jobId").GetString()!);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains(reason, job.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        var document = await _client.GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{problem.GetProperty("documentId").GetString()}");
        Assert.Equal(("failed", 0), (document.GetProperty("status").GetString(), document.GetProperty("chunkCount").GetInt32()));
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_413_and_bad_metadata_400()
    {
        var (tooLarge, _) = await UploadAsync("big.txt", Encoding.UTF8.GetBytes(new string('x', 5000)));
        var (badLanguage, problem) = await UploadAsync("a.txt", Encoding.UTF8.GetBytes("hello"), ("language", "fr"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage);
        Assert.Contains("language", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
