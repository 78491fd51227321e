using System.ComponentModel;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Plugins.Tagging;

/// <summary>Tags on the current customer's profile, for routing and follow-up campaigns.</summary>
public sealed class TaggingPlugin(ICustomerTags tags, IEventBus bus, IConversationContextAccessor conversation, TimeProvider time)
{
    /// <summary>The source recorded for tags the agent adds, next to rule and channel sources.</summary>
    public const string Source = "agent";

    public const int MaxTagLength = 32;

    [Description("Adds a tag to the current customer's profile, e.g. 售后咨询 when they ask about returns or refunds. Adding a tag the customer already has changes nothing.")]
    public async Task<string> AddTagAsync(
        [Description("The tag, 1 to 32 characters, e.g. 售后咨询 or VIP意向.")] string tag,
        CancellationToken cancellationToken = default)
    {
        if (conversation.Current is not { } context)
        {
            return PluginReplies.NoConversation;
        }

        if (Validate(tag) is { } invalid)
        {
            return invalid;
        }

        tag = tag.Trim();
        if (!await tags.AddAsync(context.CustomerId, tag, Source, cancellationToken))
        {
            return $"The customer already has the tag 「{tag}」; nothing changed.";
        }

        await bus.PublishAsync(new TagAdded(context.CustomerId, tag, Source) { OccurredAt = time.GetUtcNow() }, cancellationToken);
        return $"Added the tag 「{tag}」.";
    }

    [Description("Removes a tag from the current customer's profile, e.g. when it turns out to be wrong.")]
    public async Task<string> RemoveTagAsync(
        [Description("The tag to remove, exactly as it was added.")] string tag,
        CancellationToken cancellationToken = default)
    {
        if (conversation.Current is not { } context)
        {
            return PluginReplies.NoConversation;
        }

        if (Validate(tag) is { } invalid)
        {
            return invalid;
        }

        tag = tag.Trim();
        if (!await tags.RemoveAsync(context.CustomerId, tag, cancellationToken))
        {
            return $"The customer does not have the tag 「{tag}」; nothing changed.";
        }

        await bus.PublishAsync(new TagRemoved(context.CustomerId, tag) { OccurredAt = time.GetUtcNow() }, cancellationToken);
        return $"Removed the tag 「{tag}」.";
    }

    private static string? Validate(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? "Error: the tag is empty. Give a tag of 1 to 32 characters."
        : tag.Trim().Length > MaxTagLength ? $"Error: the tag is longer than {MaxTagLength} characters. Use a shorter tag."
        : null;
}
