using Microsoft.Extensions.Options;

namespace CustomerService.Host.Hosting;

public sealed class BuildingBlocksOptions
{
    public const string SectionName = "BuildingBlocks";
    public const string Embedded = "Embedded";
    public const string Distributed = "Distributed";

    /// <summary><c>Embedded</c>: one process over SQLite. <c>Distributed</c>: Dapr sidecar + Qdrant.</summary>
    public string Mode { get; set; } = Embedded;
}

internal sealed class BuildingBlocksOptionsValidator : IValidateOptions<BuildingBlocksOptions>
{
    public ValidateOptionsResult Validate(string? name, BuildingBlocksOptions options) => options.Mode switch
    {
        _ when options.Mode.Equals(BuildingBlocksOptions.Embedded, StringComparison.OrdinalIgnoreCase) => ValidateOptionsResult.Success,
        _ when options.Mode.Equals(BuildingBlocksOptions.Distributed, StringComparison.OrdinalIgnoreCase) => ValidateOptionsResult.Fail(
            "BuildingBlocks:Mode 'Distributed' (Dapr + Qdrant) is not part of this build yet; use 'Embedded'."),
        _ => ValidateOptionsResult.Fail($"BuildingBlocks:Mode must be 'Embedded' or 'Distributed' (was '{options.Mode}')."),
    };
}
