using CustomerService.Abstractions.Audit;
using CustomerService.Conformance;
using CustomerService.Core.Policies.SensitiveWords;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Policies.PolicyTurns;

namespace CustomerService.UnitTests.Policies;

public sealed class SensitiveWordsPolicyTests : IAsyncLifetime
{
    private IPortHarness _harness = null!;

    private static SensitiveWordsOptions Settings() => new()
    {
        Block = ["假药代购", "药物", "抗癌", "VIP账号出售"],
        Mask = ["微信号", "qq"],
        Allow = ["抗癌药物咨询"],
    };

    public async Task InitializeAsync() => _harness = await EmbeddedHarness.StartAsync(_ => { });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private IAuditLog Audit => _harness.Get<IAuditLog>();

    private SensitiveWordsPolicy Policy(SensitiveWordsOptions? settings = null) =>
        new(new StaticOptionsMonitor<SensitiveWordsOptions>(settings ?? Settings()), Audit, _harness.Time);

    [Fact]
    public async Task An_allowed_phrase_wins_over_the_blocked_words_inside_it()
    {
        var turn = Turn("我想做抗癌药物咨询");

        var reply = await Policy().EvaluateAsync(turn, CancellationToken.None);

        Assert.Null(reply);
        Assert.Equal("我想做抗癌药物咨询", turn.Text);
        Assert.Empty(await Audit.ListAsync(10));
    }

    [Theory]
    [InlineData("哪里有假药代购？")]
    [InlineData("只问药物，不是咨询")] // 药物 outside the allowed phrase is still blocked
    public async Task A_blocked_word_gets_the_neutral_reply_and_an_audit_entry(string text)
    {
        var reply = await Policy().EvaluateAsync(Turn(text), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal("抱歉，您的消息包含不当内容，无法处理。如需帮助请换一种说法。", reply.Text);
        Assert.False(reply.Handoff);
        Assert.Null(reply.MatchedIntent);
        Assert.Null(reply.HandoffReason);
        Assert.Equal(1.0, reply.Confidence);
        Assert.Single(await Audit.ListAsync(10));
    }

    [Fact]
    public async Task The_reply_follows_the_customers_script()
    {
        var reply = await Policy().EvaluateAsync(Turn("selling a ｖｉｐ账号出售 deal"), CancellationToken.None);

        Assert.Equal(new SensitiveWordsOptions().BlockedReply["zh"], reply!.Text);
        var english = await Policy(new SensitiveWordsOptions { Block = ["scam"] }).EvaluateAsync(Turn("Is this a SCAM?"), CancellationToken.None);
        Assert.Equal(new SensitiveWordsOptions().BlockedReply["en"], english!.Text);
    }

    [Theory]
    [InlineData("哪里有假药代购")]
    [InlineData("ＶＩＰ账号出售")] // full width
    [InlineData("vip账号出售")] // lower case
    [InlineData("Vip账号出售")]
    public async Task Matching_folds_width_and_case(string text) =>
        Assert.NotNull(await Policy().EvaluateAsync(Turn(text), CancellationToken.None));

    [Fact]
    public async Task The_audit_entry_names_the_rule_and_never_holds_the_blocked_word()
    {
        var turn = Turn("朋友说有假药代购渠道，加我微信号");

        await Policy().EvaluateAsync(turn, CancellationToken.None);

        var entry = Assert.Single(await Audit.ListAsync(10));
        Assert.Equal(SensitiveWordsPolicy.AuditKind, entry.Kind);
        Assert.Equal((turn.Conversation.Id, "cust-1", "webchat"), (entry.ConversationId, entry.CustomerId, entry.Channel));
        Assert.Equal(_harness.Time.GetUtcNow(), entry.At);
        Assert.DoesNotContain("假药代购", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("微信号", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("SensitiveWords:Block:0", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("朋友说有***渠道，加我***", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audited_message_is_capped()
    {
        await Policy().EvaluateAsync(Turn("假药代购" + new string('好', 2000)), CancellationToken.None);

        var entry = Assert.Single(await Audit.ListAsync(10));
        Assert.InRange(entry.Detail.Length, 500, 560);
    }

    [Fact]
    public async Task A_masked_word_is_starred_per_character_and_the_turn_goes_on()
    {
        var turn = Turn("加我微信号或者ＱＱ聊");

        var reply = await Policy().EvaluateAsync(turn, CancellationToken.None);

        Assert.Null(reply);
        Assert.Equal("加我***或者**聊", turn.Text);
        Assert.Equal("加我微信号或者ＱＱ聊", turn.Message.Text); // the transcript keeps what the customer sent
        Assert.Empty(await Audit.ListAsync(10));
    }

    [Fact]
    public void Validation_names_the_key()
    {
        var result = new SensitiveWordsOptionsValidator().Validate(null, new SensitiveWordsOptions
        {
            Block = ["ok", " "],
            BlockedReply = new() { ["zh"] = "抱歉" },
        });

        Assert.True(result.Failed);
        Assert.Contains("SensitiveWords:Block:1 must not be empty.", result.Failures!);
        Assert.Contains("SensitiveWords:BlockedReply:en must be set.", result.Failures!);
    }
}
