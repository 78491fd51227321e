using CustomerService.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class BuildingBlocksExtensions
{
    /// <summary>The one place that chooses the adapter family; nothing else knows the mode.</summary>
    public static IHostApplicationBuilder AddBuildingBlocks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BuildingBlocksOptions>().BindConfiguration(BuildingBlocksOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BuildingBlocksOptions>, BuildingBlocksOptionsValidator>();

        // Any mode other than Embedded fails validation at start-up with a message naming the key.
        builder.Services.AddEmbeddedBuildingBlocks();
        return builder;
    }
}
