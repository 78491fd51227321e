using Microsoft.Extensions.Options;

namespace CustomerService.Core.Knowledge;

public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>FAQ files (.jsonl or .csv) imported at start-up; a file already imported unchanged is skipped.</summary>
    public List<string> SeedFiles { get; set; } = [];

    /// <summary>Largest FAQ upload accepted by <c>POST /api/knowledge/faq</c>.</summary>
    public long MaxImportBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Largest document accepted by <c>POST /api/knowledge/documents</c>.</summary>
    public long MaxDocumentBytes { get; set; } = 50 * 1024 * 1024;
}

internal sealed class KnowledgeOptionsValidator(Microsoft.Extensions.Hosting.IHostEnvironment environment) : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        List<string> errors = [];
        for (var i = 0; i < options.SeedFiles.Count; i++)
        {
            var path = options.SeedFiles[i];
            if (FaqSeeder.Resolve(path, environment.ContentRootPath) is null)
            {
                errors.Add($"Knowledge:SeedFiles:{i} '{path}' does not exist (relative paths are taken from the working directory or {environment.ContentRootPath}).");
            }
            else if (FaqSeeder.FormatOf(path) is null)
            {
                errors.Add($"Knowledge:SeedFiles:{i} '{path}' must end in .jsonl, .ndjson or .csv.");
            }
        }

        if (options.MaxImportBytes is < 1024 or > 1L << 30)
        {
            errors.Add($"Knowledge:MaxImportBytes must be between 1024 and 1073741824 (was {options.MaxImportBytes}).");
        }

        if (options.MaxDocumentBytes is < 1024 or > 1L << 31)
        {
            errors.Add($"Knowledge:MaxDocumentBytes must be between 1024 and 2147483648 (was {options.MaxDocumentBytes}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
