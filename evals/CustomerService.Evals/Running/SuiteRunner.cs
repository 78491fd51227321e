using CustomerService.Evals.Reports;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Running;

/// <summary>Plays every case of a suite as its own conversation and records what each expectation found.</summary>
internal sealed class SuiteRunner(Func<EvalSuite, Task<ConversationTarget>> targetFor)
{
    public async Task<SuiteRecord> RunAsync(EvalSuite suite, Action? onCaseDone, CancellationToken cancellationToken)
    {
        await using var target = await targetFor(suite);
        List<CaseRecord> cases = [];
        foreach (var @case in suite.Cases)
        {
            cases.Add(await RunCaseAsync(suite, @case, target, cancellationToken));
            onCaseDone?.Invoke();
        }

        return new SuiteRecord(suite.Name, suite.File, suite.Tolerance, cases);
    }

    internal static async Task<CaseRecord> RunCaseAsync(EvalSuite suite, EvalCase @case, ConversationTarget target, CancellationToken cancellationToken)
    {
        // A fresh customer per case unless the suite names one: cases never share a conversation.
        var customerId = @case.Customer.Id ?? $"eval-{Guid.NewGuid():N}";
        List<TurnRecord> turns = [];
        foreach (var turn in @case.Turns)
        {
            var outcome = await target.SendAsync(customerId, turn, cancellationToken);
            turns.Add(new TurnRecord(turn.Text, outcome, Judge(turn, outcome, suite)));
        }

        var held = turns.All(t => t.Expectations.All(e => e.Failure is null));
        var status = @case.Pending is not null ? CaseStatus.Pending : held ? CaseStatus.Passed : CaseStatus.Failed;
        return new CaseRecord(@case.Id, @case.Description, status, @case.Pending, WouldPass: @case.Pending is not null && held, turns);
    }

    internal static List<ExpectationRecord> Judge(EvalTurn turn, TurnOutcome outcome, EvalSuite suite)
    {
        if (outcome.Error is not null)
        {
            // A turn that got no reply fails, whether or not it carried expectations.
            return [new ExpectationRecord("reply", "a reply", outcome.Error),
                .. turn.Expectations.Select(e => new ExpectationRecord(e.Kind, e.Describe(), "no reply"))];
        }

        return [.. turn.Expectations.Select(e => new ExpectationRecord(e.Kind, e.Describe(), e.Check(outcome, suite)))];
    }
}
