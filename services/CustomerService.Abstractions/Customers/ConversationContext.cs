namespace CustomerService.Abstractions.Customers;

/// <summary>
/// Who the current turn belongs to. Agent tools take identity only from here, never from
/// model-supplied arguments, so a prompt injection cannot act on another customer.
/// </summary>
public sealed record ConversationContext(string CustomerId, string ConversationId, string Channel);

/// <summary>The conversation the current async flow is handling, like <c>IHttpContextAccessor</c>.</summary>
public interface IConversationContextAccessor
{
    /// <summary>The context of the innermost <see cref="Begin"/> on this async flow, or null outside a turn.</summary>
    ConversationContext? Current { get; }

    /// <summary>Makes <paramref name="context"/> current for this async flow until the result is disposed.</summary>
    IDisposable Begin(ConversationContext context);
}

/// <summary>
/// Backed by <see cref="AsyncLocal{T}"/>: the value flows into everything awaited below <see cref="Begin"/>
/// (tool calls included) and never into concurrent turns of other customers.
/// </summary>
public sealed class ConversationContextAccessor : IConversationContextAccessor
{
    private readonly AsyncLocal<ConversationContext?> _current = new();

    public ConversationContext? Current => _current.Value;

    public IDisposable Begin(ConversationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = new Scope(this, _current.Value);
        _current.Value = context;
        return scope;
    }

    private sealed class Scope(ConversationContextAccessor owner, ConversationContext? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            // Restores the outer context, so nested turns (a tool starting a sub-turn) unwind correctly.
            if (!_disposed)
            {
                _disposed = true;
                owner._current.Value = previous;
            }
        }
    }
}
