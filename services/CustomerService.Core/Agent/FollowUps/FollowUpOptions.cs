namespace CustomerService.Core.Agent.FollowUps;

/// <summary>What makes a message a follow-up: <c>Agent:FollowUps</c>.</summary>
public sealed class FollowUpOptions
{
    /// <summary>Words a follow-up starts with; the longest that matches is removed.</summary>
    public List<string> LeadingMarkers { get; set; } = ["那么", "那", "还有", "另外", "and what about", "what about", "how about", "and"];

    /// <summary>Words a follow-up ends with (the Chinese 呢 of "那新疆呢").</summary>
    public List<string> TrailingMarkers { get; set; } = ["呢"];

    /// <summary>Longer messages are questions of their own, whatever word they start with.</summary>
    public int MaxLength { get; set; } = 16;

    /// <summary>
    /// When a follow-up names a subject several entries are about, the nearest to the topic is answered when it leads
    /// the next by this factor; closer calls are offered as suggestions.
    /// </summary>
    public double SubjectLead { get; set; } = 1.5;
}
