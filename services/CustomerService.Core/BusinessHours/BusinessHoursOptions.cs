namespace CustomerService.Core.BusinessHours;

/// <summary>
/// When people are at work, per channel. Outside those hours the bot still answers, but where it would hand
/// off it offers to take a message instead, and the message becomes a ticket. A channel not listed is always open.
/// </summary>
public sealed class BusinessHoursOptions
{
    public const string SectionName = "BusinessHours";

    /// <summary>By channel as messages name it (<c>webchat</c>, <c>wecom</c> …).</summary>
    public Dictionary<string, ChannelHours> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long after the offer the customer's next message is taken as the message to leave.</summary>
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The left message's ticket category.</summary>
    public string TicketCategory { get; set; } = "留言";

    /// <summary>One of <c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>.</summary>
    public string TicketUrgency { get; set; } = "normal";

    /// <summary>
    /// The ticket's question: <c>{message}</c> is what the customer left, <c>{earlier}</c> the message the bot
    /// could not settle before the offer (left out when it is the same text).
    /// </summary>
    public string TicketQuestion { get; set; } = "{message}\n\n（留言前的问题：{earlier}）";

    /// <summary>
    /// Whole messages with which a customer declines to leave a message (case, width and punctuation ignored);
    /// shipped in <c>appsettings.json</c>, like the hand-off phrases, so a deployment can replace the list.
    /// </summary>
    public List<string> DeclinePhrases { get; set; } = [];

    /// <summary>
    /// The offer instead of a hand-off, by language: <c>{hours}</c> is the channel's weekly hours,
    /// <c>{opening}</c> the next opening as <see cref="OpeningMessages"/> words it.
    /// </summary>
    public Dictionary<string, string> OfferMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "您好，现在是非工作时间（工作时间：{hours}），人工客服暂时无法接入，我们将{opening}处理。"
            + "您可以直接在这里留言（问题、订单号和联系方式），我们会为您创建工单；如不需要，回复“不用了”即可。",
        ["en"] = "Our team is offline right now (hours: {hours}); we'll pick this up {opening}. Leave your message here "
            + "(your question, order number and how to reach you) and we'll open a ticket for it, or reply \"no thanks\".",
    };

    /// <summary>
    /// Added after the reply to a hand-off a ticket rule files (a complaint) outside hours, before the ticket line;
    /// <c>{hours}</c> and <c>{opening}</c> as above.
    /// </summary>
    public Dictionary<string, string> ClosedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "现在是非工作时间（工作时间：{hours}），人工客服将{opening}跟进。",
        ["en"] = "Our team is offline right now (hours: {hours}); a colleague will follow up {opening}.",
    };

    /// <summary>The confirmation once the message is a ticket, by language: <c>{ticket}</c> is its number, <c>{opening}</c> as above.</summary>
    public Dictionary<string, string> ReceivedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "已收到您的留言，工单号 {ticket}。我们会{opening}联系您，请留意消息。",
        ["en"] = "Thanks, we've got your message (ticket {ticket}). We'll contact you {opening}.",
    };

    /// <summary>The reply to a customer who declines, by language; <c>{hours}</c> as above.</summary>
    public Dictionary<string, string> DeclinedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "好的，不为您留言了。如需人工帮助，欢迎在工作时间（{hours}）联系我们。",
        ["en"] = "All right, no message then. For a person, reach us during our hours ({hours}).",
    };

    /// <summary><c>{opening}</c> while closed, by language: <c>{day}</c> (今天, 周一 …) and <c>{time}</c> (09:00) of the next opening.</summary>
    public Dictionary<string, string> OpeningMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "于{day} {time} 上班后",
        ["en"] = "after we open ({day} {time})",
    };

    /// <summary><c>{opening}</c> while open, or when no opening is in sight, by language.</summary>
    public Dictionary<string, string> SoonMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "尽快",
        ["en"] = "as soon as we can",
    };
}

/// <summary>One channel's hours, in its own time zone.</summary>
public sealed class ChannelHours
{
    /// <summary>An IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>The normal week; days no entry names are closed.</summary>
    public List<WeeklyHours> Weekly { get; set; } = [];

    /// <summary>Dates closed whatever the week says: <c>2026-10-01</c> or a range <c>2026-10-01..2026-10-08</c>.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>
    /// 调休: make-up working days (usually a weekend), open with the hours of the first weekday (Mon … Fri) that has hours.
    /// Same syntax as <see cref="Holidays"/>.
    /// </summary>
    public List<string> Workdays { get; set; } = [];
}

/// <summary>Days and their opening ranges, e.g. <c>{"Days": "Mon-Fri", "Hours": ["09:00-12:00", "13:30-18:00"]}</c>.</summary>
public sealed class WeeklyHours
{
    /// <summary><c>Mon-Fri</c>, <c>Sat</c>, <c>Sat,Sun</c>, <c>Mon,Wed-Fri</c> (English names or three-letter abbreviations).</summary>
    public string Days { get; set; } = "";

    /// <summary><c>09:00-18:00</c>; a range may end at <c>24:00</c>. Ranges of one day must not overlap.</summary>
    public List<string> Hours { get; set; } = [];
}
