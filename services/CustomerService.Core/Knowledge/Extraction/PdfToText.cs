using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Runs poppler's pdftotext on a temporary copy of the upload; pages come back separated by form feeds.</summary>
internal sealed class PdfToText(string executable, TimeSpan timeout)
{
    // pdftotext's exit code for "the PDF's permissions forbid copying text".
    private const int PermissionError = 3;

    public async Task<string> RunAsync(byte[] pdf, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kb-extract-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            return await RunOnFileAsync(path, fileName, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<string> RunOnFileAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["-layout", "-enc", "UTF-8", path, "-"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new DocumentFormatException(
                $"'{fileName}': reading the PDF's text took longer than {timeout.TotalSeconds:0} s; the file may be damaged or too large");
        }

        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new DocumentFormatException(process.ExitCode == PermissionError
                ? $"'{fileName}': the PDF's permissions do not allow copying its text; save it without protection"
                : $"'{fileName}' is not a readable PDF (pdftotext: {LastLine(await errors)})");
        }

        return text;
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new UnsupportedDocumentException("PDF text extraction needs poppler-utils (pdftotext), which is not installed");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It exited between the deadline and the kill.
        }
    }

    private static string LastLine(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no details";
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
