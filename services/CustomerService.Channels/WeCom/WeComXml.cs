using System.Xml;
using System.Xml.Linq;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// Reads WeCom's flat <c>&lt;xml&gt;&lt;Field&gt;value&lt;/Field&gt;…&lt;/xml&gt;</c> documents (the envelope and the decrypted message)
/// into their top-level fields. No DTD, no external resolution, bounded size: the envelope is read before anything is verified.
/// </summary>
internal static class WeComXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = WeComCallbacks.MaxBodyBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <returns>Field name → text (the first of a repeated name; nested structures are skipped), or null when it is not such a document.</returns>
    public static IReadOnlyDictionary<string, string>? Read(Stream xml)
    {
        try
        {
            using var reader = XmlReader.Create(xml, Settings);
            return Fields(XDocument.Load(reader));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static IReadOnlyDictionary<string, string>? Read(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            return Fields(XDocument.Load(reader));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? Fields(XDocument document)
    {
        if (document.Root is not { Name.LocalName: "xml" } root)
        {
            return null;
        }

        Dictionary<string, string> fields = new(StringComparer.Ordinal);
        foreach (var field in root.Elements().Where(e => !e.HasElements))
        {
            fields.TryAdd(field.Name.LocalName, field.Value);
        }

        return fields;
    }
}
