namespace CustomerService.Core.Handoff;

/// <summary>
/// The built-in zh/en word lists for <see cref="SentimentScorer"/>. Weights run from -1 (a customer
/// who writes this is upset) to 1; <c>Handoff:NegativeWords</c> adds to or overrides them.
/// </summary>
internal static class SentimentLexicon
{
    /// <summary>Sentiment words and phrases (lower-case; English phrases with single spaces).</summary>
    public static readonly IReadOnlyDictionary<string, double> Words = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // Chinese, negative.
        ["垃圾"] = -1.0, ["骗子"] = -1.0, ["骗人"] = -1.0, ["气死"] = -1.0, ["黑店"] = -1.0, ["废物"] = -1.0, ["糟透"] = -1.0,
        ["欺骗"] = -0.9, ["差评"] = -0.9, ["恶心"] = -0.9, ["差劲"] = -0.9, ["坑人"] = -0.9, ["坑爹"] = -0.9, ["愤怒"] = -0.9,
        ["投诉"] = -0.8, ["退钱"] = -0.8, ["举报"] = -0.8, ["生气"] = -0.8, ["忽悠"] = -0.8, ["糟糕"] = -0.8, ["什么玩意"] = -0.8,
        ["差"] = -0.7, ["烂"] = -0.7, ["失望"] = -0.7, ["不满"] = -0.7, ["不满意"] = -0.7, ["离谱"] = -0.7, ["过分"] = -0.7,
        ["敷衍"] = -0.7, ["不靠谱"] = -0.7, ["维权"] = -0.7, ["无语"] = -0.6, ["搞什么"] = -0.6, ["不好"] = -0.5,
        ["磨叽"] = -0.5, ["慢"] = -0.4, ["麻烦死"] = -0.8,
        // 好 also means "so": "好慢", "好差" are not praise.
        ["好慢"] = -0.6, ["好差"] = -0.9, ["好烂"] = -0.9,

        // Chinese, positive (so that a negated one, "不满意", "不太好", reads as negative).
        ["好"] = 0.3, ["满意"] = 0.6, ["谢谢"] = 0.4, ["感谢"] = 0.5, ["不错"] = 0.5, ["棒"] = 0.6, ["赞"] = 0.5,
        ["好评"] = 0.7, ["靠谱"] = 0.5, ["喜欢"] = 0.5, ["好用"] = 0.4, ["方便"] = 0.3,

        // Chinese, neutral: longer words that contain a sentiment character without its meaning.
        ["不好意思"] = 0, ["差不多"] = 0, ["差价"] = 0, ["差额"] = 0, ["出差"] = 0, ["时差"] = 0, ["相差"] = 0, ["差点"] = 0,
        ["好的"] = 0, ["好吗"] = 0, ["好像"] = 0, ["好多"] = 0, ["好几"] = 0, ["只好"] = 0, ["最好"] = 0, ["正好"] = 0,
        ["刚好"] = 0, ["灿烂"] = 0, ["慢慢"] = 0, ["怠慢"] = -0.6,

        // English, negative.
        ["scam"] = -1.0, ["worst"] = -1.0, ["fraud"] = -1.0, ["furious"] = -1.0, ["scammers"] = -1.0,
        ["terrible"] = -0.9, ["awful"] = -0.9, ["horrible"] = -0.9, ["pathetic"] = -0.9, ["disgusting"] = -0.9, ["rip off"] = -0.9,
        ["liar"] = -0.9, ["liars"] = -0.9, ["ridiculous"] = -0.8, ["useless"] = -0.8, ["angry"] = -0.8, ["rubbish"] = -0.8,
        ["garbage"] = -0.8, ["hate"] = -0.8, ["unacceptable"] = -0.8, ["waste of time"] = -0.8, ["wtf"] = -0.8,
        ["complaint"] = -0.8, ["complain"] = -0.8, ["disappointed"] = -0.7, ["disappointing"] = -0.7, ["annoyed"] = -0.6,
        ["annoying"] = -0.6, ["frustrated"] = -0.6, ["frustrating"] = -0.6, ["upset"] = -0.6, ["bad"] = -0.5, ["poor"] = -0.4,
        ["slow"] = -0.3,

        // English, positive.
        ["good"] = 0.5, ["great"] = 0.7, ["excellent"] = 0.8, ["helpful"] = 0.5, ["happy"] = 0.5, ["satisfied"] = 0.5,
        ["thanks"] = 0.4, ["thank you"] = 0.4, ["love"] = 0.6, ["nice"] = 0.4,
    };

    /// <summary>Words that turn the next sentiment word around ("不差", "not bad").</summary>
    public static readonly IReadOnlySet<string> Negators = new HashSet<string>(StringComparer.Ordinal)
    {
        "不", "没", "没有", "不是", "并不", "从不",
        "not", "no", "never", "don't", "dont", "doesn't", "doesnt", "isn't", "isnt", "wasn't", "wasnt", "aren't", "arent",
        "didn't", "didnt", "can't", "cant", "cannot", "won't", "wont", "hardly",
    };

    /// <summary>Words that strengthen the next sentiment word ("太差", "so bad").</summary>
    public static readonly IReadOnlySet<string> Intensifiers = new HashSet<string>(StringComparer.Ordinal)
    {
        "太", "非常", "很", "真", "超", "超级", "特别", "极其", "十分",
        "so", "very", "too", "really", "extremely", "absolutely", "totally", "super", "incredibly",
    };
}
