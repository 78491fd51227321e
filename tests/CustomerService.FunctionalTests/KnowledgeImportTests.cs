using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerService.FunctionalTests;

public sealed class KnowledgeImportTests : IAsyncLifetime
{
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: new Dictionary<string, string?> { ["Knowledge:MaxImportBytes"] = "65536" });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    private async Task<int> CountAsync() => (await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/faq")).GetArrayLength();

    [Fact]
    public async Task Json_lines_import_adds_then_replaces_by_id()
    {
        var before = await CountAsync();

        using var first = await _client.PostRawAsync("/api/knowledge/faq", TestFaq.JsonLines, "application/x-ndjson");
        var added = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await _client.PostRawAsync("/api/knowledge/faq",
            TestFaq.JsonLines.Replace("前两小时免费", "前三小时免费", StringComparison.Ordinal), "application/x-ndjson");
        var replaced = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(3, added.GetProperty("added").GetInt32());
        Assert.Equal(0, added.GetProperty("replaced").GetInt32());
        Assert.Equal(0, replaced.GetProperty("added").GetInt32());
        Assert.Equal(3, replaced.GetProperty("replaced").GetInt32());
        Assert.Equal(before + 3, replaced.GetProperty("total").GetInt32());
        Assert.Equal("门店地下停车场前三小时免费。", (await _client.AskAsync("c-1", "门店有停车场吗")).Reply);
    }

    [Fact]
    public async Task Csv_import_in_the_body_is_searchable_at_once()
    {
        using var response = await _client.PostRawAsync("/api/knowledge/faq", TestFaq.Csv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/faq/search?q=" + Uri.EscapeDataString("礼品卡激活"));
        Assert.Equal("giftcard.zh", hits[0].GetProperty("id").GetString());
        Assert.Equal("Open \"My > Gift cards\", enter the code, done.", (await _client.AskAsync("c-2", "How do I activate a gift card?")).Reply);
    }

    [Fact]
    public async Task A_multipart_file_upload_is_imported()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(TestFaq.Csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // browsers often send this: the extension decides
        form.Add(file, "file", "gift-cards.csv");

        using var response = await _client.PostAsync("/api/knowledge/faq", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task A_file_with_a_broken_line_is_refused_whole_and_names_the_line()
    {
        var before = await CountAsync();
        var broken = TestFaq.JsonLines + "\n{\"id\":\"x\",\"questions\":[\"q\"],\"answer\":";

        using var response = await _client.PostRawAsync("/api/knowledge/faq", broken, "application/x-ndjson");

        var problem = await response.ProblemAsync(400);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Contains("line 4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync()); // the three good lines were not imported either
    }

    [Fact]
    public async Task A_csv_without_the_required_header_is_refused()
    {
        using var response = await _client.PostRawAsync("/api/knowledge/faq", "问题,答案\n怎么退货,在订单页申请\n", "text/csv");

        var problem = await response.ProblemAsync(400);
        Assert.Contains("question, answer, similar_questions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_content_type_gets_415()
    {
        using var response = await _client.PostRawAsync("/api/knowledge/faq", "[]", "application/json");

        await response.ProblemAsync(415);
    }

    [Fact]
    public async Task A_multipart_form_without_a_file_is_refused()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        using var response = await _client.PostAsync("/api/knowledge/faq", form);

        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task An_upload_over_the_configured_limit_gets_413()
    {
        var line = "{\"id\":\"big\",\"questions\":[\"q\"],\"answer\":\"" + new string('x', 70_000) + "\"}";

        using var response = await _client.PostRawAsync("/api/knowledge/faq", line, "application/x-ndjson");

        await response.ProblemAsync(413);
    }

    [Fact]
    public async Task A_search_without_a_query_is_a_problem()
    {
        using var response = await _client.GetAsync("/api/knowledge/faq/search");

        await response.ProblemAsync(400);
    }
}
