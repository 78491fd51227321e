using CustomerService.Abstractions.Tickets;
using Microsoft.Extensions.AI;

namespace CustomerService.Core.Tickets;

/// <summary>
/// The <c>create_ticket</c> tool as code calls it (ticket rules, a message left after hours): the same tool the LLM agent
/// uses, so the ticket's customer and conversation come from the turn's context and <c>TicketCreated</c> is published once.
/// </summary>
internal static class TicketTool
{
    public const string Name = "create_ticket";

    public static AIFunction? Find(IEnumerable<AIFunction> tools) => tools.FirstOrDefault(t => t.Name == Name);

    /// <summary>Opens the ticket and returns its number; null when the tool refused (its answer is words for a model).</summary>
    public static async Task<string?> CreateAsync(AIFunction tool, string question, string category, string urgency, CancellationToken cancellationToken)
    {
        question = question.Trim();
        var arguments = new AIFunctionArguments
        {
            ["question"] = question.Length > Ticket.MaxQuestionLength ? question[..Ticket.MaxQuestionLength] : question,
            ["category"] = category,
            ["urgency"] = urgency,
        };
        var result = await tool.InvokeAsync(arguments, cancellationToken);
        if (result?.ToString() is not { } text || !text.StartsWith(Ticket.CreatedConfirmation, StringComparison.Ordinal))
        {
            return null;
        }

        // "Created ticket T-12 (category …)": the number follows the confirmation.
        return text[Ticket.CreatedConfirmation.Length..].Trim().Split(' ', 2)[0].TrimEnd('.');
    }
}
