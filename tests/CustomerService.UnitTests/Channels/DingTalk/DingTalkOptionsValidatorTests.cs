using CustomerService.Channels.DingTalk;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>Bad DingTalk settings stop start-up, each named by its exact key, and no secret appears in a message.</summary>
public sealed class DingTalkOptionsValidatorTests
{
    private const string Secret = "app-secret-never-shown";
    private const string AesKey = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";

    private static DingTalkApp App(string name = "support") =>
        new() { Name = name, AppKey = "dingabc", AppSecret = Secret, Token = "mryue", AesKey = AesKey };

    private static List<string> Failures(params DingTalkApp[] apps) =>
        new DingTalkOptionsValidator().Validate(null, new DingTalkOptions { Apps = [.. apps] }).Failures?.ToList() ?? [];

    [Fact]
    public void No_apps_and_valid_apps_pass()
    {
        Assert.Empty(Failures());
        Assert.Empty(Failures(App(), App("sales_2")));
        Assert.Empty(Failures(new DingTalkApp { Name = "robot-only", AppKey = "k", AppSecret = "s" }));
    }

    [Fact]
    public void Required_fields_are_named_by_index()
    {
        var failures = Failures(App(), new DingTalkApp { Name = " ", AppKey = "", AppSecret = " " });

        Assert.Equal(
            [
                "Channels:DingTalk:Apps:1:Name is required.",
                "Channels:DingTalk:Apps:1:AppKey is required (the app's Client ID).",
                "Channels:DingTalk:Apps:1:AppSecret is required (the app's Client Secret, which signs robot callbacks).",
            ],
            failures);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("路径")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    public void Names_must_be_url_safe(string name) =>
        Assert.Equal(["Channels:DingTalk:Apps:0:Name must be at most 64 letters, digits, - or _ (it is part of the callback URL)."], Failures(App(name)));

    [Fact]
    public void Names_are_unique_ignoring_case() =>
        Assert.Equal(["Channels:DingTalk:Apps:2:Name 'Support' is used by another app (names are compared ignoring case)."],
            Failures(App("support"), App("sales"), App("Support")));

    [Theory]
    [InlineData("mryue", null, "Channels:DingTalk:Apps:0:AesKey is required when Channels:DingTalk:Apps:0:Token is set (event subscriptions need both).")]
    [InlineData(null, AesKey, "Channels:DingTalk:Apps:0:Token is required when Channels:DingTalk:Apps:0:AesKey is set (event subscriptions need both).")]
    [InlineData("ab", AesKey, "Channels:DingTalk:Apps:0:Token must be 3 to 32 letters or digits.")]
    [InlineData("token-with-dash", AesKey, "Channels:DingTalk:Apps:0:Token must be 3 to 32 letters or digits.")]
    [InlineData("mryue", "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd", "Channels:DingTalk:Apps:0:AesKey must be the 43 Base64 characters of a 32-byte key, as the developer console shows it.")]
    [InlineData("mryue", "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ec!7", "Channels:DingTalk:Apps:0:AesKey must be the 43 Base64 characters of a 32-byte key, as the developer console shows it.")]
    public void Event_subscription_settings_are_checked_together(string? token, string? aesKey, string expected)
    {
        var app = App();
        (app.Token, app.AesKey) = (token, aesKey);

        var failures = Failures(app);

        Assert.Equal([expected], failures);
        Assert.DoesNotContain(failures, f => (aesKey is { Length: > 0 } && f.Contains(aesKey, StringComparison.Ordinal)) || f.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_robot_code_is_named() =>
        Assert.Equal(["Channels:DingTalk:Apps:0:RobotCode must not be blank (leave it out to use the message's robotCode)."],
            Failures(new DingTalkApp { Name = "a", AppKey = "k", AppSecret = "s", RobotCode = " " }));

    [Fact]
    public void A_secret_is_never_part_of_a_message()
    {
        var app = App("bad name");
        app.Token = Secret; // a token of the wrong shape: the message names the key, not the value
        Assert.All(Failures(app), f => Assert.DoesNotContain(Secret, f, StringComparison.Ordinal));
        Assert.Equal(2, Failures(app).Count);
    }
}
