using System.Globalization;

namespace CustomerService.Core.BusinessHours;

/// <summary>An opening range in minutes after local midnight, <c>[Start, End)</c>; <c>End</c> may be 1440 (24:00).</summary>
public readonly record struct OpenRange(int Start, int End)
{
    public bool Contains(int minute) => Start <= minute && minute < End;

    public bool Overlaps(OpenRange other) => Start < other.End && other.Start < End;
}

/// <summary>A closed interval of local dates, one day when <c>First == Last</c>.</summary>
public readonly record struct DateSpan(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => First <= date && date <= Last;
}

/// <summary>How the settings write days (<c>Mon-Fri</c>), hours (<c>09:00-18:00</c>) and dates (<c>2026-10-01..2026-10-08</c>).</summary>
internal static class HoursSyntax
{
    public const int MinutesPerDay = 24 * 60;

    // Monday first, as a Chinese week (and the settings' ranges) run.
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly Dictionary<string, DayOfWeek> DayNames = Week
        .SelectMany(d => new[] { (Name: d.ToString(), Day: d), (Name: d.ToString()[..3], Day: d) })
        .ToDictionary(p => p.Name, p => p.Day, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>Mon-Fri</c>, <c>Sat,Sun</c>, <c>Mon,Wed-Fri</c>; a range runs forward through the week (<c>Sat-Mon</c>).</summary>
    public static bool TryParseDays(string? text, out DayOfWeek[] days)
    {
        HashSet<DayOfWeek> found = [];
        days = [];
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !DayNames.TryGetValue(ends[0], out var first) || !DayNames.TryGetValue(ends[^1], out var last))
            {
                return false;
            }

            for (var i = Array.IndexOf(Week, first); ; i = (i + 1) % 7)
            {
                found.Add(Week[i]);
                if (Week[i] == last) break;
            }
        }

        days = [.. Week.Where(found.Contains)];
        return days.Length > 0;
    }

    /// <summary><c>09:00-18:00</c>, <c>9:00-12:30</c>, <c>20:00-24:00</c>: the start before the end.</summary>
    public static bool TryParseRange(string? text, out OpenRange range)
    {
        range = default;
        var ends = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (ends.Length != 2 || !TryParseTime(ends[0], out var start) || !TryParseTime(ends[1], out var end) || start >= end)
        {
            return false;
        }

        range = new OpenRange(start, end);
        return true;
    }

    /// <summary><c>2026-10-01</c> or <c>2026-10-01..2026-10-08</c>.</summary>
    public static bool TryParseDates(string? text, out DateSpan span)
    {
        span = default;
        var ends = (text ?? "").Split("..", StringSplitOptions.TrimEntries);
        if (ends.Length is < 1 or > 2 || !TryParseDate(ends[0], out var first) || !TryParseDate(ends[^1], out var last) || last < first)
        {
            return false;
        }

        span = new DateSpan(first, last);
        return true;
    }

    public static string Time(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // "H:mm" or "HH:mm" up to 24:00 (the end of the day).
    private static bool TryParseTime(string text, out int minute)
    {
        minute = 0;
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        minute = hours * 60 + minutes;
        return true;
    }
}
