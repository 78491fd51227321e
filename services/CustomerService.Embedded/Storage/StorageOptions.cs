using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder of the SQLite database; relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    public string DatabaseFile => Path.Combine(Path.GetFullPath(DataDirectory), "customerservice.db");
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail("Storage:DataDirectory must name a folder.");
        }

        try
        {
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail($"Storage:DataDirectory '{options.DataDirectory}' cannot be created: {e.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
