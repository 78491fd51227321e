using System.Globalization;
using System.Text.Json;

namespace CustomerService.Benchmarks;

/// <summary>
/// The request bodies each sender will post, built before the clock starts so composing JSON does not
/// compete with the host for the CPU. Message i goes to sender i mod concurrency; each sender rotates
/// through its own customer ids, so turns of one customer never overlap (as in a real chat) while
/// several conversations grow side by side.
/// </summary>
internal sealed class MessagePlan
{
    private readonly byte[][][] _bodies;

    private MessagePlan(byte[][][] bodies) => _bodies = bodies;

    public int Concurrency => _bodies.Length;

    public int[] CountsPerSender => [.. _bodies.Select(b => b.Length)];

    public byte[] Body(int sender, int index) => _bodies[sender][index];

    /// <param name="tag">Makes customer ids unique per phase, so each phase starts with fresh conversations.</param>
    public static MessagePlan Build(QueryMix mix, string tag, int concurrency, int messages, int customersPerSender)
    {
        var bodies = new List<byte[]>[concurrency];
        for (var s = 0; s < concurrency; s++)
        {
            bodies[s] = [];
        }

        for (var i = 0; i < messages; i++)
        {
            var sender = i % concurrency;
            var turn = bodies[sender].Count;
            var customer = string.Create(CultureInfo.InvariantCulture, $"bench-{tag}-{sender}-{turn % customersPerSender}");
            bodies[sender].Add(JsonSerializer.SerializeToUtf8Bytes(new ChatRequest(customer, mix.Next()), WireJson.Default.ChatRequest));
        }

        return new MessagePlan([.. bodies.Select(b => b.ToArray())]);
    }
}
