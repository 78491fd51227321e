using Microsoft.Extensions.Options;

namespace CustomerService.Core.BusinessHours;

/// <summary>The channels' schedules, built once per settings instance; a channel without hours is always open.</summary>
public sealed class BusinessCalendar(IOptionsMonitor<BusinessHoursOptions> options, TimeProvider time)
{
    private Built? _built;

    private sealed record Built(BusinessHoursOptions Settings, Dictionary<string, ChannelSchedule> Schedules);

    /// <summary>The channel's schedule, or null when it has none (always open). Costs a dictionary lookup per turn.</summary>
    public ChannelSchedule? For(string channel) => BuildFor(options.CurrentValue).Schedules.GetValueOrDefault(channel);

    public bool IsOpen(string channel) => IsOpen(channel, time.GetUtcNow());

    public bool IsOpen(string channel, DateTimeOffset at) => For(channel)?.IsOpen(at) ?? true;

    /// <summary>When the channel next opens: <paramref name="at"/> itself while open; null when no opening is in sight.</summary>
    public DateTimeOffset? NextOpening(string channel, DateTimeOffset at) => For(channel) is { } schedule ? schedule.NextOpening(at) : at;

    private Built BuildFor(BusinessHoursOptions settings)
    {
        if (_built is not { } built || !ReferenceEquals(built.Settings, settings))
        {
            built = new Built(settings, settings.Channels.ToDictionary(
                c => c.Key, c => ChannelSchedule.From(c.Value), StringComparer.OrdinalIgnoreCase));
            _built = built;
        }

        return built;
    }
}
