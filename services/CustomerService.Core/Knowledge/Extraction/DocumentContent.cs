using System.Text;

namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>Reads an upload into memory and, for the text formats, into a string, rejecting what is not text.</summary>
internal static class DocumentContent
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<byte[]> ReadAllAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            throw Empty(fileName);
        }

        return buffer.ToArray();
    }

    public static async Task<string> ReadTextAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        DecodeText(await ReadAllAsync(content, fileName, cancellationToken), fileName);

    /// <summary>Strict UTF-8 without the BOM; line endings become <c>\n</c>.</summary>
    public static string DecodeText(byte[] bytes, string fileName)
    {
        // A NUL never occurs in text but almost always in binary data (images, zips, executables, UTF-16).
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw NotText(fileName);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            // Mostly control bytes means binary data; otherwise it is text in another encoding (GBK exports are common).
            if (LooksBinary(bytes))
            {
                throw NotText(fileName);
            }

            var line = 1 + bytes.AsSpan(0, Math.Clamp(e.Index, 0, bytes.Length)).Count((byte)'\n');
            throw new DocumentFormatException(
                $"'{fileName}' is not UTF-8 text (line {line}); save it as UTF-8 (in Excel: \"CSV UTF-8\", in an editor: encoding UTF-8)");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Empty(fileName);
        }

        return text.ReplaceLineEndings("\n");
    }

    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C))
            {
                control++;
            }
        }

        return control * 20 > sample.Length;
    }

    private static DocumentFormatException Empty(string fileName) => new($"'{fileName}': the file is empty");

    private static DocumentFormatException NotText(string fileName) =>
        new($"'{fileName}' is not a text file (it contains binary data)");
}
