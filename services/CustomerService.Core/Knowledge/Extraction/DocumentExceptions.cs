namespace CustomerService.Core.Knowledge.Extraction;

/// <summary>
/// The file's content is bad: a corrupt Word or Excel file, a binary file named .md, an empty file, a FAQ sheet
/// with the wrong header … The message says what is wrong, and where, in words a knowledge manager can act on.
/// </summary>
public sealed class DocumentFormatException(string message) : Exception(message);

/// <summary>No extractor reads this file type, or the tool one needs is not installed (HTTP 415).</summary>
public sealed class UnsupportedDocumentException(string message) : Exception(message);
