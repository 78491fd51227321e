using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CustomerService.Benchmarks;

/// <summary>One generated FAQ entry, with the topic it was composed from so queries can paraphrase it.</summary>
internal sealed record FaqItem(string Id, string Intent, bool Chinese, int Product, int Action, string[] Questions, string Answer);

/// <summary>
/// A deterministic FAQ of distinct (language, product, action) topics with 5–8 questions each,
/// so the index the host builds has realistic size and term overlap between entries.
/// </summary>
internal sealed class FaqCorpus
{
    private static readonly string[] ZhAnswers =
    [
        "{a}{p}：打开App进入「我的设备」，选择{p}，点击「{a}」并按提示操作，一般1–3个工作日内处理完毕。",
        "关于{p}{a}：请准备好订单号和购买凭证，在「我的订单 → 申请售后」中提交，客服会在24小时内联系您。",
        "{p}支持{a}。您可以在官网服务页面按型号查询具体步骤；门店也可以现场办理，请携带身份证件。",
    ];

    private static readonly string[] EnAnswers =
    [
        "To {a} your {p}, open the app, go to My devices, select the {p} and follow the steps under \"{a}\". It usually takes 1–3 business days.",
        "You can {a} your {p} from My orders → Request service. Have your order number ready; we reply within 24 hours.",
        "Yes, you can {a} a {p}. The support page lists the steps for each model, and any store can also do it for you.",
    ];

    private static readonly bool[] Languages = [true, false]; // Chinese, English

    private FaqCorpus(FaqItem[] items) => Items = items;

    public IReadOnlyList<FaqItem> Items { get; }

    public int QuestionCount => Items.Sum(i => i.Questions.Length);

    /// <exception cref="ArgumentOutOfRangeException">More entries were asked for than there are distinct topics.</exception>
    public static FaqCorpus Generate(int entries, int seed)
    {
        var random = new Random(seed);
        var topics = (from chinese in Languages
                      from product in Enumerable.Range(0, FaqVocabulary.Products.Length)
                      from action in Enumerable.Range(0, FaqVocabulary.Actions.Length)
                      select (chinese, product, action)).ToArray();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entries, topics.Length);
        random.Shuffle(topics);

        var items = new FaqItem[entries];
        for (var i = 0; i < entries; i++)
        {
            var (chinese, product, action) = topics[i];
            var number = (i + 1).ToString("D4", CultureInfo.InvariantCulture);
            var templates = chinese ? FaqVocabulary.ZhTemplates : FaqVocabulary.EnTemplates;
            var chosen = templates.ToArray();
            random.Shuffle(chosen);
            var questions = chosen.Take(random.Next(5, 9)).Select(t => Render(t, chinese, product, action)).ToArray();
            var answers = chinese ? ZhAnswers : EnAnswers;
            var answer = Render(answers[random.Next(answers.Length)], chinese, product, action);
            items[i] = new FaqItem($"bench-{number}", $"bench_{number}", chinese, product, action, questions, answer);
        }

        return new FaqCorpus(items);
    }

    /// <summary>Fills a template's {p} and {a} with the topic's words in the template's language.</summary>
    public static string Render(string template, bool chinese, int product, int action)
    {
        var (zhProduct, enProduct) = FaqVocabulary.Products[product];
        var (zhAction, enAction) = FaqVocabulary.Actions[action];
        return template
            .Replace("{p}", chinese ? zhProduct : enProduct, StringComparison.Ordinal)
            .Replace("{a}", chinese ? zhAction : enAction, StringComparison.Ordinal);
    }

    /// <summary>The upload body for <c>POST /api/knowledge/faq</c> as application/x-ndjson.</summary>
    public byte[] ToJsonLines()
    {
        var text = new StringBuilder();
        foreach (var item in Items)
        {
            text.Append(JsonSerializer.Serialize(new FaqLine(item.Id, item.Intent, item.Questions, item.Answer), WireJson.Default.FaqLine)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
