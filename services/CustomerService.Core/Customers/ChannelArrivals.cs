using CustomerService.Abstractions.Customers;
using CustomerService.Core.Policies.AutoTagging;
using Microsoft.Extensions.Logging;

namespace CustomerService.Core.Customers;

/// <summary>
/// A customer arriving through a channel code (活码): the arrival is recorded under their OneID and the
/// <c>channel_source</c> rules naming the code tag them. Channel-agnostic: the web chat fills the source from its request,
/// WeCom and DingTalk from their 联系我 <c>state</c>; each only calls <see cref="RecordAsync"/>.
/// </summary>
public sealed partial class ChannelArrivals(ICustomerSources sources, AutoTagRules rules, AutoTagger tagger, ILogger<ChannelArrivals> logger)
{
    public async Task RecordAsync(string customerId, string channel, ChannelSource source, CancellationToken cancellationToken)
    {
        // Once per code and params: a widget repeating its code on every message costs one read, and a tag staff
        // removed does not come back with the customer's next message.
        if (await sources.HasAsync(customerId, source, cancellationToken))
        {
            return;
        }

        // Tags before the record: a crash in between tags again on the next arrival (once anyway) instead of never.
        var tags = rules.ForArrival(source);
        if (tags.Count == 0)
        {
            // A printed code nobody wrote a rule for (or a typo in one) shows up here, by code, without the customer.
            LogNoRule(logger, source.Code, channel);
        }

        var added = await tagger.AddAsync(customerId, tags, cancellationToken);
        if (await sources.RecordAsync(customerId, channel, source, cancellationToken))
        {
            LogArrival(logger, customerId, channel, source.Code, added.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel code {Code} on {Channel} matches no channel_source rule: the source is recorded, no tags")]
    private static partial void LogNoRule(ILogger logger, string code, string channel);

    // Ids only: a code's params may carry what a campaign knows about the customer.
    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} arrived on {Channel} through channel code {Code}; {Added} tags added")]
    private static partial void LogArrival(ILogger logger, string customerId, string channel, string code, int added);
}
