namespace CustomerService.Core.BusinessHours;

/// <summary>One channel's validated hours: whether it is open at an instant, and when it next opens.</summary>
public sealed class ChannelSchedule
{
    // Far enough for the longest holiday a calendar writes (and a channel configured as closed for good).
    private const int DaysAhead = 400;

    private readonly OpenRange[][] _week = new OpenRange[7][]; // by DayOfWeek, sorted
    private readonly OpenRange[] _workday;
    private readonly DateSpan[] _holidays;
    private readonly DateSpan[] _workdays;

    private ChannelSchedule(ChannelHours hours, TimeZoneInfo zone)
    {
        Zone = zone;
        Weekly = [.. hours.Weekly.Select(w => new WeeklyRanges(Days(w.Days), [.. w.Hours.Select(Range).OrderBy(r => r.Start)]))];
        foreach (var day in HoursSyntax.Week)
        {
            _week[(int)day] = [.. Weekly.Where(w => w.Days.Contains(day)).SelectMany(w => w.Ranges).OrderBy(r => r.Start)];
        }

        _workday = HoursSyntax.Week.Take(5).Select(d => _week[(int)d]).FirstOrDefault(r => r.Length > 0) ?? [];
        _holidays = [.. hours.Holidays.Select(Dates)];
        _workdays = [.. hours.Workdays.Select(Dates)];
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The weekly entries as configured, for saying the hours to a customer.</summary>
    public IReadOnlyList<WeeklyRanges> Weekly { get; }

    /// <summary>The schedule of settings the validator accepted; anything else throws.</summary>
    public static ChannelSchedule From(ChannelHours hours) =>
        new(hours, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var minute = local.Hour * 60 + local.Minute;
        return RangesOn(DateOnly.FromDateTime(local.DateTime)).Any(r => r.Contains(minute));
    }

    /// <summary><paramref name="at"/> itself while open; otherwise the start of the next opening range, or null when none is in sight.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at)
    {
        if (IsOpen(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, Zone).DateTime;
        var today = DateOnly.FromDateTime(local);
        for (var i = 0; i <= DaysAhead; i++)
        {
            var date = today.AddDays(i);
            foreach (var range in RangesOn(date))
            {
                var start = date.ToDateTime(TimeOnly.MinValue).AddMinutes(range.Start);
                if (start > local)
                {
                    // A start inside a daylight-saving gap gets the zone's standard offset: close enough to say "opens at 02:00".
                    return new DateTimeOffset(start, Zone.GetUtcOffset(start));
                }
            }
        }

        return null;
    }

    /// <summary>Holidays close a day; 调休 workdays open it with weekday hours; otherwise the week decides.</summary>
    public IReadOnlyList<OpenRange> RangesOn(DateOnly date) =>
        _holidays.Any(h => h.Contains(date)) ? []
        : _workdays.Any(w => w.Contains(date)) ? _workday
        : _week[(int)date.DayOfWeek];

    private static DayOfWeek[] Days(string text) =>
        HoursSyntax.TryParseDays(text, out var days) ? days : throw new FormatException($"Not days: '{text}'.");

    private static OpenRange Range(string text) =>
        HoursSyntax.TryParseRange(text, out var range) ? range : throw new FormatException($"Not a range: '{text}'.");

    private static DateSpan Dates(string text) =>
        HoursSyntax.TryParseDates(text, out var span) ? span : throw new FormatException($"Not a date: '{text}'.");
}

/// <summary>One weekly entry: its days (Monday first) and their ranges, sorted.</summary>
public sealed record WeeklyRanges(IReadOnlyList<DayOfWeek> Days, IReadOnlyList<OpenRange> Ranges);
