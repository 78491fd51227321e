using CustomerService.Core.BusinessHours;
using CustomerService.UnitTests.Conversations;

namespace CustomerService.UnitTests.BusinessHours;

/// <summary>
/// A Shanghai shop around 元旦 2026: Thursday 1 to Saturday 3 January are holidays, Sunday 4 January is a 调休
/// workday; weekdays have a lunch break, Saturday short hours, Friday a late shift until midnight.
/// </summary>
public sealed class ChannelScheduleTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly ChannelHours Shop = new()
    {
        TimeZone = "Asia/Shanghai",
        Weekly =
        [
            new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-12:00", "13:30-18:00"] },
            new WeeklyHours { Days = "Fri", Hours = ["20:00-24:00"] },
            new WeeklyHours { Days = "Sat", Hours = ["10:00-16:00"] },
        ],
        Holidays = ["2026-01-01..2026-01-03"],
        Workdays = ["2026-01-04"],
    };

    private static readonly ChannelSchedule Schedule = ChannelSchedule.From(Shop);

    // 5 January 2026 is a Monday.
    private static DateTimeOffset Local(int day, int hour, int minute = 0, int second = 0) => new(2026, 1, day, hour, minute, second, Beijing);

    [Theory]
    [InlineData(5, 9, 0, 0, true)]    // the first minute
    [InlineData(5, 8, 59, 59, false)]
    [InlineData(5, 11, 59, 59, true)]
    [InlineData(5, 12, 0, 0, false)]  // lunch: between two ranges of one day
    [InlineData(5, 13, 30, 0, true)]
    [InlineData(5, 17, 59, 0, true)]
    [InlineData(5, 18, 0, 0, false)]  // a range's end is not in it
    [InlineData(10, 10, 0, 0, true)]  // Saturday's own hours
    [InlineData(10, 9, 0, 0, false)]
    [InlineData(11, 10, 0, 0, false)] // Sunday: no entry names it
    public void A_day_is_open_inside_its_ranges_only(int day, int hour, int minute, int second, bool open) =>
        Assert.Equal(open, Schedule.IsOpen(Local(day, hour, minute, second)));

    [Fact]
    public void A_range_may_run_to_midnight()
    {
        Assert.True(Schedule.IsOpen(Local(9, 23, 59, 59)));  // Friday's late shift
        Assert.False(Schedule.IsOpen(Local(10, 0, 0)));       // Saturday has nothing before 10:00
        Assert.False(Schedule.IsOpen(Local(9, 19, 0)));
        Assert.Equal(Local(9, 20, 0), Schedule.NextOpening(Local(9, 19, 0)));
    }

    [Fact]
    public void The_channels_time_zone_decides_not_the_instants_offset()
    {
        var tenInShanghai = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

        Assert.True(Schedule.IsOpen(tenInShanghai));
        Assert.True(Schedule.IsOpen(tenInShanghai.ToOffset(TimeSpan.FromHours(-5)))); // the same instant, written elsewhere
        var london = ChannelSchedule.From(new ChannelHours { TimeZone = "Europe/London", Weekly = Shop.Weekly });
        Assert.False(london.IsOpen(tenInShanghai)); // 02:00 in London
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), london.NextOpening(tenInShanghai));
    }

    [Fact]
    public void Daylight_saving_time_moves_the_opening_in_utc()
    {
        var newYork = ChannelSchedule.From(new ChannelHours { TimeZone = "America/New_York", Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-17:00"] }] });

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero), newYork.NextOpening(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 7, 6, 13, 0, 0, TimeSpan.Zero), newYork.NextOpening(new DateTimeOffset(2026, 7, 6, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Holidays_close_weekdays_and_a_workday_opens_a_sunday_with_weekday_hours()
    {
        Assert.False(Schedule.IsOpen(Local(2, 10, 0)));  // Friday, 元旦 holiday
        Assert.False(Schedule.IsOpen(Local(2, 21, 0)));  // its late shift too
        Assert.False(Schedule.IsOpen(Local(3, 11, 0)));  // Saturday inside the holiday range
        Assert.True(Schedule.IsOpen(Local(4, 9, 0)));    // Sunday 调休: Monday's hours, from 09:00 …
        Assert.False(Schedule.IsOpen(Local(4, 12, 30))); // … with Monday's lunch break
        Assert.False(Schedule.IsOpen(Local(11, 9, 0)));  // the next Sunday is an ordinary one
    }

    [Fact]
    public void The_next_opening_skips_lunch_nights_weekends_and_holidays()
    {
        Assert.Equal(Local(5, 13, 30), Schedule.NextOpening(Local(5, 12, 15)));  // after lunch
        Assert.Equal(Local(6, 9, 0), Schedule.NextOpening(Local(5, 18, 0)));     // tomorrow morning
        Assert.Equal(Local(12, 9, 0), Schedule.NextOpening(Local(10, 16, 0)));   // Saturday afternoon: Monday
        Assert.Equal(Local(4, 9, 0), Schedule.NextOpening(Local(1, 8, 0)));      // 元旦: the 调休 Sunday after the holidays
        Assert.Equal(Local(5, 10, 0), Schedule.NextOpening(Local(5, 10, 0)));    // open now: now
    }

    [Fact]
    public void A_weekday_only_channel_opens_on_monday_after_a_friday_evening()
    {
        var weekdays = ChannelSchedule.From(new ChannelHours { TimeZone = "Asia/Shanghai", Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-18:00"] }] });

        Assert.Equal(Local(12, 9, 0), weekdays.NextOpening(Local(9, 18, 30)));
    }

    [Fact]
    public void A_channel_closed_for_good_has_no_next_opening()
    {
        var closed = ChannelSchedule.From(new ChannelHours
        {
            TimeZone = "Asia/Shanghai",
            Weekly = [new WeeklyHours { Days = "Mon-Sun", Hours = ["00:00-24:00"] }],
            Holidays = ["2020-01-01..2099-12-31"],
        });

        Assert.False(closed.IsOpen(Local(5, 10, 0)));
        Assert.Null(closed.NextOpening(Local(5, 10, 0)));
    }

    [Fact]
    public void A_channel_without_hours_is_always_open_and_channel_names_ignore_case()
    {
        var settings = new BusinessHoursOptions { Channels = { ["WeCom"] = Shop } };
        var calendar = new BusinessCalendar(new StaticOptionsMonitor<BusinessHoursOptions>(settings), new Conformance.FakeTimeProvider(Local(11, 10, 0)));

        Assert.Null(calendar.For("webchat"));
        Assert.True(calendar.IsOpen("webchat"));
        Assert.Equal(Local(11, 10, 0), calendar.NextOpening("webchat", Local(11, 10, 0)));
        Assert.False(calendar.IsOpen("wecom")); // Sunday, by the injected clock
        Assert.Equal(Local(12, 9, 0), calendar.NextOpening("wecom", Local(11, 10, 0)));
    }

    [Theory]
    [InlineData("zh", "周一至周五 09:00-12:00、13:30-18:00；周五 20:00-24:00；周六 10:00-16:00")]
    [InlineData("en", "Mon-Fri 09:00-12:00, 13:30-18:00; Fri 20:00-24:00; Sat 10:00-16:00")]
    public void The_hours_are_said_as_configured(string language, string expected) =>
        Assert.Equal(expected, ScheduleWording.Hours(Schedule, language));

    [Theory]
    [InlineData("Sat,Sun", "周六、周日")]
    [InlineData("Mon,Wed-Fri", "周一、周三至周五")]
    [InlineData("Sun", "周日")]
    public void Days_read_as_runs(string days, string expected)
    {
        var schedule = ChannelSchedule.From(new ChannelHours { TimeZone = "Asia/Shanghai", Weekly = [new WeeklyHours { Days = days, Hours = ["09:00-18:00"] }] });

        Assert.Equal($"{expected} 09:00-18:00", ScheduleWording.Hours(schedule, "zh"));
    }

    [Theory]
    [InlineData(5, 12, 15, "人工", "于今天 13:30 上班后")]
    [InlineData(5, 18, 0, "人工", "于明天 09:00 上班后")]
    [InlineData(10, 16, 0, "人工", "于周一 09:00 上班后")]
    [InlineData(10, 16, 0, "human", "after we open (Monday 09:00)")]
    [InlineData(5, 10, 0, "人工", "尽快")] // open now
    public void The_next_opening_is_said_relative_to_today(int day, int hour, int minute, string customerText, string expected) =>
        Assert.Equal(expected, ScheduleWording.Opening(new BusinessHoursOptions(), Schedule, Local(day, hour, minute), customerText));

    [Fact]
    public void An_opening_a_week_or_more_away_is_said_as_a_date()
    {
        var longHoliday = ChannelSchedule.From(new ChannelHours
        {
            TimeZone = "Asia/Shanghai",
            Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-18:00"] }],
            Holidays = ["2026-10-01..2026-10-07"],
        });
        var eveOfNationalDay = new DateTimeOffset(2026, 9, 30, 19, 0, 0, Beijing);

        Assert.Equal("于10月8日 09:00 上班后", ScheduleWording.Opening(new BusinessHoursOptions(), longHoliday, eveOfNationalDay, "人工"));
        Assert.Equal("after we open (Oct 8 09:00)", ScheduleWording.Opening(new BusinessHoursOptions(), longHoliday, eveOfNationalDay, "human"));
    }
}
