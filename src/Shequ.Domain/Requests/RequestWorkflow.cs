namespace Shequ.Domain.Requests;

/// <summary>
/// The stages of a resident request (工单), after the grid-management case workflow: collect → open or
/// cancel → dispatch → handle → report back → re-check and close → evaluate.
/// </summary>
public enum RequestStage
{
    /// <summary>信息采集: received, not yet verified.</summary>
    Collected = 1,

    /// <summary>立案: verified and accepted as a case.</summary>
    Opened = 2,

    /// <summary>任务派遣: sent to a handler; the time limit runs from here.</summary>
    Dispatched = 3,

    /// <summary>任务处理: the handler has taken it up.</summary>
    Handling = 4,

    /// <summary>处理反馈: the handler reports it done.</summary>
    Reported = 5,

    /// <summary>核查结案: re-checked on site and closed.</summary>
    Closed = 6,

    /// <summary>综合评价: evaluated; the end of the road.</summary>
    Evaluated = 7,

    /// <summary>不予立案/撤销: cancelled; also an end.</summary>
    Cancelled = 9,
}

/// <summary>Which stage may follow which. Everything not listed is refused.</summary>
public static class RequestWorkflow
{
    private static readonly Dictionary<RequestStage, RequestStage[]> Next = new()
    {
        [RequestStage.Collected] = [RequestStage.Opened, RequestStage.Cancelled],
        [RequestStage.Opened] = [RequestStage.Dispatched, RequestStage.Cancelled],

        // A handler may hand a case back (wrong unit) so it is dispatched again.
        [RequestStage.Dispatched] = [RequestStage.Handling, RequestStage.Opened],
        [RequestStage.Handling] = [RequestStage.Reported],

        // A failed re-check sends the case back to the handler.
        [RequestStage.Reported] = [RequestStage.Closed, RequestStage.Handling],

        // After closing: evaluated, or reopened when the requester says it was not solved.
        [RequestStage.Closed] = [RequestStage.Evaluated, RequestStage.Opened],
        [RequestStage.Evaluated] = [],
        [RequestStage.Cancelled] = [],
    };

    public static IReadOnlyList<RequestStage> AllowedAfter(RequestStage stage) => Next.TryGetValue(stage, out var next) ? next : [];

    public static bool IsAllowed(RequestStage from, RequestStage to) => AllowedAfter(from).Contains(to);

    public static bool IsFinal(RequestStage stage) => AllowedAfter(stage).Count == 0;

    /// <summary>Stages in which the time limit is running.</summary>
    public static bool IsTimed(RequestStage stage) => stage is RequestStage.Dispatched or RequestStage.Handling;
}
