using System.Globalization;
using CustomerService.Core.Agent;

namespace CustomerService.Core.BusinessHours;

/// <summary>
/// Fills the replies' <c>{hours}</c> and <c>{opening}</c> in the customer's language: "周一至周五 09:00-18:00",
/// "于周一 09:00 上班后". The sentences are settings; only day names and list separators live here.
/// </summary>
internal static class ScheduleWording
{
    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"]; // by DayOfWeek

    public static string Fill(string template, BusinessHoursOptions settings, ChannelSchedule schedule, DateTimeOffset now, string customerText) =>
        template
            .Replace("{hours}", Hours(schedule, ReplyLanguage.Of(customerText)), StringComparison.Ordinal)
            .Replace("{opening}", Opening(settings, schedule, now, customerText), StringComparison.Ordinal);

    /// <summary>The weekly entries as configured: "周一至周五 09:00-12:00、13:30-18:00；周六 10:00-16:00".</summary>
    public static string Hours(ChannelSchedule schedule, string language)
    {
        var zh = language == "zh";
        var entries = schedule.Weekly.Select(w =>
            $"{DaysText(w.Days, zh)} {string.Join(zh ? "、" : ", ", w.Ranges.Select(r => $"{HoursSyntax.Time(r.Start)}-{HoursSyntax.Time(r.End)}"))}");
        return string.Join(zh ? "；" : "; ", entries);
    }

    /// <summary><c>OpeningMessages</c> with the next opening's day and time; <c>SoonMessages</c> while open or with no opening in sight.</summary>
    public static string Opening(BusinessHoursOptions settings, ChannelSchedule schedule, DateTimeOffset now, string customerText)
    {
        if (schedule.NextOpening(now) is not { } opening || opening == now)
        {
            return ReplyLanguage.Pick(settings.SoonMessages, customerText);
        }

        var zh = ReplyLanguage.Of(customerText) == "zh";
        var local = TimeZoneInfo.ConvertTime(opening, schedule.Zone);
        var days = DateOnly.FromDateTime(local.DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, schedule.Zone).DateTime).DayNumber;
        var day = days switch
        {
            0 => zh ? "今天" : "today",
            1 => zh ? "明天" : "tomorrow",
            < 7 => zh ? ChineseDays[(int)local.DayOfWeek] : local.DayOfWeek.ToString(),
            _ => zh ? $"{local.Month}月{local.Day}日" : local.ToString("MMM d", CultureInfo.InvariantCulture),
        };
        return ReplyLanguage.Pick(settings.OpeningMessages, customerText)
            .Replace("{day}", day, StringComparison.Ordinal)
            .Replace("{time}", local.ToString("HH:mm", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // Runs of consecutive days (Monday first) read as one: 周一至周五, Mon-Fri; two days are listed: 周六、周日.
    private static string DaysText(IReadOnlyList<DayOfWeek> days, bool zh)
    {
        var order = days.Select(d => Array.IndexOf(HoursSyntax.Week, d)).Order().ToList();
        List<string> runs = [];
        for (var i = 0; i < order.Count;)
        {
            var j = i;
            while (j + 1 < order.Count && order[j + 1] == order[j] + 1) j++;
            var (first, last) = (Name(HoursSyntax.Week[order[i]], zh), Name(HoursSyntax.Week[order[j]], zh));
            runs.Add((j - i) switch
            {
                0 => first,
                1 => zh ? $"{first}、{last}" : $"{first}, {last}",
                _ => zh ? $"{first}至{last}" : $"{first}-{last}",
            });
            i = j + 1;
        }

        return string.Join(zh ? "、" : ", ", runs);
    }

    private static string Name(DayOfWeek day, bool zh) => zh ? ChineseDays[(int)day] : day.ToString()[..3];
}
