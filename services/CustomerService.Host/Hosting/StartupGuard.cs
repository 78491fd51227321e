using CustomerService.Host.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class StartupGuard
{
    /// <summary>
    /// Runs the host; a bad setting or a broken seed file ends start-up with one line that names the key
    /// or file at fault and exit code 1, instead of a stack trace.
    /// </summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            return Explain(string.Join(" ", e.Failures));
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OptionsValidationException))
        {
            // Several options sections failed at once: name every key.
            return Explain(string.Join(" ", e.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(x => x.Failures)));
        }
        catch (InvalidOperationException e)
        {
            return Explain(e.Message);
        }
    }

    private static int Explain(string reason)
    {
        Console.Error.WriteLine($"Start-up failed: {SensitiveDataMasker.Mask(reason)}");
        return 1;
    }
}
