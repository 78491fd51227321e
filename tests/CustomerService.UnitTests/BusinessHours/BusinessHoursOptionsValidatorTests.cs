using CustomerService.Core.BusinessHours;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.BusinessHours;

/// <summary>A bad setting names its exact key, so whoever edits the hours finds it.</summary>
public sealed class BusinessHoursOptionsValidatorTests
{
    private const string Key = "BusinessHours:Channels:webchat";

    private static List<string> Failures(ChannelHours hours) =>
        new BusinessHoursOptionsValidator().Validate(null, new BusinessHoursOptions { Channels = { ["webchat"] = hours } }).Failures?.ToList() ?? [];

    private static ChannelHours Valid() => new()
    {
        TimeZone = "Asia/Shanghai",
        Weekly = [new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-12:00", "13:30-18:00"] }, new WeeklyHours { Days = "Sat", Hours = ["10:00-24:00"] }],
        Holidays = ["2026-10-01..2026-10-07", "2027-01-01"],
        Workdays = ["2026-09-27", "2026-10-10"],
    };

    [Fact]
    public void Valid_hours_and_the_defaults_pass()
    {
        Assert.Empty(Failures(Valid()));
        Assert.True(new BusinessHoursOptionsValidator().Validate(null, new BusinessHoursOptions()).Succeeded);
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        var hours = Valid();
        hours.TimeZone = "Mars/Base";

        Assert.Equal([$"{Key}:TimeZone 'Mars/Base' is not a known time zone (use an IANA id such as Asia/Shanghai)."], Failures(hours));
    }

    [Fact]
    public void A_missing_time_zone_and_an_empty_week_are_named()
    {
        Assert.Equal(
            [$"{Key}:TimeZone must be set (an IANA id such as Asia/Shanghai).",
             $"{Key}:Weekly must list at least one entry (a channel without hours is always open: remove it instead)."],
            Failures(new ChannelHours()));
    }

    [Fact]
    public void Bad_days_and_ranges_are_named_by_their_index()
    {
        var hours = Valid();
        hours.Weekly =
        [
            new WeeklyHours { Days = "Mon-Fry", Hours = ["09:00-18:00"] },
            new WeeklyHours { Days = "Sat", Hours = ["18:00-09:00", "10:00-24:30", "9-17", "08:00-12:00"] },
            new WeeklyHours { Days = "Sun", Hours = [] },
        ];

        Assert.Equal(
            [$"{Key}:Weekly:0:Days 'Mon-Fry' is not a day or days such as Mon-Fri, Sat or Sat,Sun.",
             $"{Key}:Weekly:1:Hours:0 '18:00-09:00' is not a range such as 09:00-18:00 (start before end, end at most 24:00).",
             $"{Key}:Weekly:1:Hours:1 '10:00-24:30' is not a range such as 09:00-18:00 (start before end, end at most 24:00).",
             $"{Key}:Weekly:1:Hours:2 '9-17' is not a range such as 09:00-18:00 (start before end, end at most 24:00).",
             $"{Key}:Weekly:2:Hours must list at least one range such as 09:00-18:00."],
            Failures(hours));
    }

    [Fact]
    public void Overlapping_ranges_of_one_day_are_named_even_across_entries()
    {
        var hours = Valid();
        hours.Weekly =
        [
            new WeeklyHours { Days = "Mon-Fri", Hours = ["09:00-12:00", "11:30-13:00"] },
            new WeeklyHours { Days = "Fri,Sat", Hours = ["10:00-11:00"] },
            new WeeklyHours { Days = "Sun", Hours = ["12:00-18:00", "09:00-12:00"] }, // touching is fine
        ];

        Assert.Equal(
            [$"{Key}:Weekly:0:Hours:1 '11:30-13:00' overlaps another range on Monday.",
             $"{Key}:Weekly:1:Hours:0 '10:00-11:00' overlaps another range on Friday."],
            Failures(hours));
    }

    [Fact]
    public void Bad_dates_and_a_workday_that_is_also_a_holiday_are_named()
    {
        var hours = Valid();
        hours.Holidays = ["2026-10-01..2026-10-07", "2026-13-01", "2026-10-08..2026-10-01"];
        hours.Workdays = ["2026-10-03", "10/10/2026"];

        Assert.Equal(
            [$"{Key}:Holidays:1 '2026-13-01' is not a date (yyyy-MM-dd) or a range of dates (yyyy-MM-dd..yyyy-MM-dd).",
             $"{Key}:Holidays:2 '2026-10-08..2026-10-01' is not a date (yyyy-MM-dd) or a range of dates (yyyy-MM-dd..yyyy-MM-dd).",
             $"{Key}:Workdays:1 '10/10/2026' is not a date (yyyy-MM-dd) or a range of dates (yyyy-MM-dd..yyyy-MM-dd).",
             $"{Key}:Workdays:0 '2026-10-03' is also a holiday."],
            Failures(hours));
    }

    [Fact]
    public void Workdays_need_weekday_hours_to_open_with()
    {
        var hours = Valid();
        hours.Weekly = [new WeeklyHours { Days = "Sat,Sun", Hours = ["10:00-16:00"] }];

        Assert.Equal([$"{Key}:Workdays need weekday hours (Mon-Fri) to open with."], Failures(hours));
    }

    [Fact]
    public void The_left_messages_ticket_and_the_replies_are_checked()
    {
        var settings = new BusinessHoursOptions
        {
            MessageWindow = TimeSpan.Zero,
            TicketCategory = " ",
            TicketUrgency = "asap",
            TicketQuestion = "留言：{earlier}",
            DeclinePhrases = ["不用了", ""],
        };
        settings.ReceivedMessages.Remove("en");

        Assert.Equal(
            ["BusinessHours:MessageWindow must be positive (it is 00:00:00).",
             "BusinessHours:TicketCategory must be 1 to 32 characters.",
             "BusinessHours:TicketUrgency must be one of low, normal, high, urgent (was 'asap').",
             "BusinessHours:TicketQuestion must contain {message}, or the ticket would not hold the customer's message.",
             "BusinessHours:DeclinePhrases:1 must not be empty.",
             "BusinessHours:ReceivedMessages:en must be set."],
            new BusinessHoursOptionsValidator().Validate(null, settings).Failures);
    }

    [Fact]
    public void The_settings_bind_from_configuration_and_a_bad_one_stops_start_up()
    {
        var good = Bind(new()
        {
            [$"{Key}:TimeZone"] = "Asia/Shanghai",
            [$"{Key}:Weekly:0:Days"] = "Mon-Fri",
            [$"{Key}:Weekly:0:Hours:0"] = "09:00-12:00",
            [$"{Key}:Weekly:0:Hours:1"] = "13:30-18:00",
            [$"{Key}:Holidays:0"] = "2026-10-01..2026-10-07",
            [$"{Key}:Workdays:0"] = "2026-10-10",
            ["BusinessHours:MessageWindow"] = "00:10:00",
        });
        var webchat = good.Channels["WebChat"]; // channel names ignore case, as the calendar looks them up
        Assert.Equal(["09:00-12:00", "13:30-18:00"], webchat.Weekly[0].Hours);
        Assert.Equal(TimeSpan.FromMinutes(10), good.MessageWindow);
        Assert.Equal("留言", good.TicketCategory);

        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            [$"{Key}:TimeZone"] = "Mars/Base",
            [$"{Key}:Weekly:0:Days"] = "Mon-Fri",
            [$"{Key}:Weekly:0:Hours:0"] = "09:00-18:00",
        }));
        Assert.Contains($"{Key}:TimeZone 'Mars/Base' is not a known time zone", failure.Message, StringComparison.Ordinal);
    }

    private static BusinessHoursOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddBusinessHours();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BusinessHoursOptions>>().Value;
    }
}
