namespace CustomerService.Core.Knowledge.Ingestion;

/// <summary>One step of turning an upload into searchable knowledge. Steps run in order; each reads and fills the context.</summary>
public interface IIngestionStep
{
    /// <summary>The name progress reports use: <c>extract</c>, <c>normalise</c>, <c>chunk</c>, <c>embed</c>, <c>index</c>.</summary>
    string Name { get; }

    Task ExecuteAsync(IngestionContext context, CancellationToken cancellationToken);
}
