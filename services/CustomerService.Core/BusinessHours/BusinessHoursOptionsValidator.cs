using CustomerService.Abstractions.Tickets;
using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.BusinessHours;

/// <summary>Names each problem by its settings key (<c>BusinessHours:Channels:webchat:Weekly:0:Hours:1</c>) so whoever edits the hours can find it.</summary>
internal sealed class BusinessHoursOptionsValidator : IValidateOptions<BusinessHoursOptions>
{
    private const string Section = BusinessHoursOptions.SectionName;

    private static readonly string[] Urgencies = [.. Enum.GetNames<TicketUrgency>().Select(n => n.ToLowerInvariant())];

    public ValidateOptionsResult Validate(string? name, BusinessHoursOptions options)
    {
        List<string> errors = [];
        foreach (var (channel, hours) in options.Channels)
        {
            ValidateChannel(errors, $"{Section}:Channels:{channel}", hours);
        }

        if (options.MessageWindow <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:MessageWindow must be positive (it is {options.MessageWindow}).");
        }

        if (string.IsNullOrWhiteSpace(options.TicketCategory) || options.TicketCategory.Trim().Length > Ticket.MaxCategoryLength)
        {
            errors.Add($"{Section}:TicketCategory must be 1 to {Ticket.MaxCategoryLength} characters.");
        }

        if (!Urgencies.Contains(options.TicketUrgency, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:TicketUrgency must be one of {string.Join(", ", Urgencies)} (was '{options.TicketUrgency}').");
        }

        if (!options.TicketQuestion.Contains("{message}", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:TicketQuestion must contain {{message}}, or the ticket would not hold the customer's message.");
        }

        for (var i = 0; i < options.DeclinePhrases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.DeclinePhrases[i])) errors.Add($"{Section}:DeclinePhrases:{i} must not be empty.");
        }

        foreach (var (key, messages) in new[]
        {
            ("OfferMessages", options.OfferMessages), ("ClosedMessages", options.ClosedMessages), ("ReceivedMessages", options.ReceivedMessages), ("DeclinedMessages", options.DeclinedMessages),
            ("OpeningMessages", options.OpeningMessages), ("SoonMessages", options.SoonMessages),
        })
        {
            errors.AddRange(ReplyLanguage.Missing(messages).Select(l => $"{Section}:{key}:{l} must be set."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateChannel(List<string> errors, string key, ChannelHours hours)
    {
        if (string.IsNullOrWhiteSpace(hours.TimeZone))
        {
            errors.Add($"{key}:TimeZone must be set (an IANA id such as Asia/Shanghai).");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out _))
        {
            errors.Add($"{key}:TimeZone '{hours.TimeZone}' is not a known time zone (use an IANA id such as Asia/Shanghai).");
        }

        if (hours.Weekly.Count == 0)
        {
            errors.Add($"{key}:Weekly must list at least one entry (a channel without hours is always open: remove it instead).");
        }

        // Each day's ranges so far, to name the entry whose range overlaps an earlier one.
        Dictionary<DayOfWeek, List<OpenRange>> byDay = [];
        var allDaysRead = true;
        for (var i = 0; i < hours.Weekly.Count; i++)
        {
            var entry = hours.Weekly[i];
            var entryKey = $"{key}:Weekly:{i}";
            if (!HoursSyntax.TryParseDays(entry.Days, out var days))
            {
                errors.Add($"{entryKey}:Days '{entry.Days}' is not a day or days such as Mon-Fri, Sat or Sat,Sun.");
                allDaysRead = false;
            }

            if (entry.Hours.Count == 0)
            {
                errors.Add($"{entryKey}:Hours must list at least one range such as 09:00-18:00.");
            }

            for (var j = 0; j < entry.Hours.Count; j++)
            {
                if (!HoursSyntax.TryParseRange(entry.Hours[j], out var range))
                {
                    errors.Add($"{entryKey}:Hours:{j} '{entry.Hours[j]}' is not a range such as 09:00-18:00 (start before end, end at most 24:00).");
                    continue;
                }

                foreach (var day in days)
                {
                    var ranges = byDay.TryGetValue(day, out var list) ? list : byDay[day] = [];
                    if (ranges.Any(range.Overlaps))
                    {
                        errors.Add($"{entryKey}:Hours:{j} '{entry.Hours[j]}' overlaps another range on {day}.");
                        break;
                    }

                    ranges.Add(range);
                }
            }
        }

        var holidays = ValidateDates(errors, $"{key}:Holidays", hours.Holidays);
        var workdays = ValidateDates(errors, $"{key}:Workdays", hours.Workdays);
        for (var i = 0; i < workdays.Count; i++)
        {
            if (workdays[i] is { } span && holidays.Any(h => h is { } holiday && holiday.First <= span.Last && span.First <= holiday.Last))
            {
                errors.Add($"{key}:Workdays:{i} '{hours.Workdays[i]}' is also a holiday.");
            }
        }

        // Only when every entry's days were read: a misspelt "Mon-Fry" is reported once, not again here.
        if (allDaysRead && hours.Workdays.Count > 0 && !HoursSyntax.Week.Take(5).Any(byDay.ContainsKey))
        {
            errors.Add($"{key}:Workdays need weekday hours (Mon-Fri) to open with.");
        }
    }

    private static List<DateSpan?> ValidateDates(List<string> errors, string key, List<string> dates)
    {
        List<DateSpan?> spans = [];
        for (var i = 0; i < dates.Count; i++)
        {
            var valid = HoursSyntax.TryParseDates(dates[i], out var span);
            if (!valid)
            {
                errors.Add($"{key}:{i} '{dates[i]}' is not a date (yyyy-MM-dd) or a range of dates (yyyy-MM-dd..yyyy-MM-dd).");
            }

            spans.Add(valid ? span : null);
        }

        return spans;
    }
}
