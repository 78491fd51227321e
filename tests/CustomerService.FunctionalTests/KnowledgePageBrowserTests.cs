using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CustomerService.FunctionalTests;

/// <summary>A knowledge manager's view: the /knowledge page in headless Chromium against the real host on Kestrel.</summary>
public sealed class KnowledgePageBrowserTests : IAsyncLifetime
{
    private const string ReturnsPolicy =
        "# 退货政策\n\n## 运费\n\n质量问题的退货运费由青橙商城承担，无理由退货运费由顾客承担。\n\n## 时限\n\n签收后七天内可以申请无理由退货。\n";

    private static readonly LocatorWaitForOptions Ingestion = new() { Timeout = 60_000 };
    private static readonly LocatorWaitForOptions Quick = new() { Timeout = 15_000 };

    private BrowserSession _session = null!;

    private IBrowser Browser => _session.Browser;

    private string BaseUrl => _session.BaseUrl;

    public async Task InitializeAsync() => _session = await BrowserSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_manager_uploads_a_policy_previews_its_chunks_and_finds_it_by_hit_test()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        var opened = await page.GotoAsync(BaseUrl + "/knowledge");
        Assert.Equal(200, opened?.Status);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        // Upload: metadata first, then choosing the file starts the upload.
        await page.FillAsync("#meta-title", "退货政策");
        await page.FillAsync("#meta-category", "售后");
        var accepted = await page.RunAndWaitForResponseAsync(
            () => page.SetInputFilesAsync("#file-input", new FilePayload
            {
                Name = "returns-policy.md",
                MimeType = "text/markdown",
                Buffer = Encoding.UTF8.GetBytes(ReturnsPolicy),
            }),
            IsUpload);
        Assert.Equal(202, accepted.Status);

        var upload = page.Locator(".upload", new PageLocatorOptions { HasText = "returns-policy.md" });
        var settled = page.Locator(".upload:is([data-state='succeeded'], [data-state='failed'])", new PageLocatorOptions { HasText = "returns-policy.md" });
        await settled.WaitForAsync(Ingestion);
        var state = await upload.GetAttributeAsync("data-state");
        Assert.True(state == "succeeded", $"The upload ended '{state}': {await upload.Locator(".upload-error").InnerTextAsync()}");

        // The list shows the document with its metadata.
        var row = page.Locator("#documents .document", new PageLocatorOptions { HasText = "returns-policy.md" });
        await row.WaitForAsync(Quick);
        var documentId = await row.GetAttributeAsync("data-document-id");
        Assert.False(string.IsNullOrEmpty(documentId));
        var rowText = await row.InnerTextAsync();
        Assert.Contains("退货政策", rowText, StringComparison.Ordinal);
        Assert.Contains("售后", rowText, StringComparison.Ordinal);

        // Preview: the passage sits under its heading path.
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "预览" }).ClickAsync();
        var feeChunk = page.Locator("#chunks .chunk", new PageLocatorOptions { HasText = "无理由退货运费由顾客承担" });
        await feeChunk.First.WaitForAsync(Quick);
        Assert.Contains("退货政策 › 运费", await feeChunk.First.InnerTextAsync(), StringComparison.Ordinal);

        // Hit test: the question finds the uploaded passage (the shop's seeded FAQ on return postage may rank beside it).
        await page.FillAsync("#hit-query", "无理由退货运费谁承担");
        Assert.Equal("hybrid", await page.InputValueAsync("#hit-mode"));
        await page.ClickAsync("#hit-search");
        await page.Locator("#hits .hit").First.WaitForAsync(Quick);
        var found = page.Locator($"#hits .hit[data-document-id='{documentId}']").First;
        await found.WaitForAsync(Quick);
        Assert.False(string.IsNullOrEmpty(await found.GetAttributeAsync("data-chunk-id")));
        Assert.Matches("^(lexical|vector)( (lexical|vector))?$", await found.GetAttributeAsync("data-found-by") ?? "");

        // An unsupported type is refused and the row says why.
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.SetInputFilesAsync("#file-input", new FilePayload
            {
                Name = "bad.exe",
                MimeType = "application/octet-stream",
                Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
            }),
            IsUpload);
        Assert.Equal(415, refused.Status);
        var bad = page.Locator(".upload[data-state='failed']", new PageLocatorOptions { HasText = "bad.exe" });
        await bad.WaitForAsync(Quick);
        Assert.Matches(new Regex(@"\.exe|type|类型|格式", RegexOptions.IgnoreCase), await bad.Locator(".upload-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#documents .document", new PageLocatorOptions { HasText = "bad.exe" }).CountAsync());

        Assert.Empty(scriptErrors);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "knowledge-page.png"), FullPage = true });
    }

    private static bool IsUpload(IResponse response) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/knowledge/documents";
}
