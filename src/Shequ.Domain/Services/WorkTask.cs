using Shequ.Domain.Common;

namespace Shequ.Domain.Services;

/// <summary>E2-2: routine work recurs; surge work is one-off with a deadline and is assessed when done.</summary>
public enum TaskKind
{
    Routine = 1,
    Surge = 2,
}

public enum RecurrenceFrequency
{
    Weekly = 1,
    Monthly = 2,
    Quarterly = 3,
}

/// <summary>
/// When a routine task falls due. Weekly: <see cref="Day"/> is 1 (Monday) to 7 (Sunday). Monthly: day 1–28,
/// or 0 for the last day. Quarterly: that day of the quarter's last month.
/// </summary>
public readonly record struct Recurrence(RecurrenceFrequency Frequency, int Day)
{
    public bool IsValid => Frequency switch
    {
        RecurrenceFrequency.Weekly => Day is >= 1 and <= 7,
        RecurrenceFrequency.Monthly or RecurrenceFrequency.Quarterly => Day is >= 0 and <= 28,
        _ => false,
    };

    /// <summary>Every due date in [from, to], in order.</summary>
    public IEnumerable<DateOnly> DueDates(DateOnly from, DateOnly to)
    {
        if (!IsValid || to < from)
        {
            yield break;
        }

        if (Frequency == RecurrenceFrequency.Weekly)
        {
            var offset = ((Day % 7) - (int)from.DayOfWeek + 7) % 7;
            for (var d = from.AddDays(offset); d <= to; d = d.AddDays(7))
            {
                yield return d;
            }

            yield break;
        }

        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            if (Frequency == RecurrenceFrequency.Quarterly && month.Month % 3 != 0)
            {
                continue;
            }

            var day = Day == 0 ? DateTime.DaysInMonth(month.Year, month.Month) : Day;
            var due = new DateOnly(month.Year, month.Month, day);
            if (due >= from && due <= to)
            {
                yield return due;
            }
        }
    }
}

/// <summary>Who a task is given to: a worker, or a community as a whole.</summary>
public sealed class TaskAssignee
{
    private TaskAssignee()
    {
        RegionCode = string.Empty;
    }

    public int Id { get; private set; }

    public int? WorkerId { get; private set; }

    /// <summary>
    /// The community assigned, or where the worker serves (their first community or grid, else their
    /// employer); scope follows it, so the worker and their community see the task.
    /// </summary>
    public string RegionCode { get; private set; }

    public static TaskAssignee Worker(Workforce.Worker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new TaskAssignee { WorkerId = worker.Id, RegionCode = worker.Assignments.Count > 0 ? worker.Assignments[0].RegionCode : worker.RegionCode };
    }

    public static TaskAssignee Community(string communityCode) => new() { RegionCode = communityCode };
}

/// <summary>An assignee's report that one occurrence is done, and for surge work its assessment.</summary>
public sealed class TaskCompletion
{
    private TaskCompletion()
    {
        Report = string.Empty;
        CompletedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int AssigneeId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly CompletedOn { get; private set; }

    public string Report { get; private set; }

    public string CompletedBy { get; private set; }

    public int? Score { get; private set; }

    public Grade? Grade { get; private set; }

    /// <summary>What the assessor found was actually done.</summary>
    public string? AssessedFindings { get; private set; }

    public string? AssessedBy { get; private set; }

    public DateOnly? AssessedOn { get; private set; }

    public bool IsAssessed => AssessedOn is not null;

    public bool OnTime => CompletedOn <= DueOn;

    internal static TaskCompletion Of(int assigneeId, DateOnly dueOn, DateOnly completedOn, string report, string by) =>
        new() { AssigneeId = assigneeId, DueOn = dueOn, CompletedOn = completedOn, Report = report.Trim(), CompletedBy = by };

    internal void Assess(int? score, Grade? grade, string findings, string by, DateOnly on)
    {
        Score = score;
        Grade = grade;
        AssessedFindings = findings.Trim();
        AssessedBy = by;
        AssessedOn = on;
    }
}

/// <summary>One occurrence still open after its due date.</summary>
public readonly record struct OverdueOccurrence(int AssigneeId, DateOnly DueOn, int DaysLate);

/// <summary>A task given to workers or communities: routine (recurring) or surge (one deadline, assessed on completion).</summary>
public sealed class WorkTask : Entity
{
    /// <summary>How far back overdue routine occurrences are still listed.</summary>
    public const int OverdueLookbackDays = 90;

    private readonly List<TaskAssignee> _assignees = [];
    private readonly List<TaskCompletion> _completions = [];

    private WorkTask()
    {
        RegionCode = string.Empty;
        Title = string.Empty;
        Description = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The issuing region; tasks are visible there and where they are assigned.</summary>
    public string RegionCode { get; private set; }

    public TaskKind Kind { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public RecurrenceFrequency? Frequency { get; private set; }

    public int? RecurrenceDay { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>The surge task's deadline.</summary>
    public DateOnly? Deadline { get; private set; }

    public IReadOnlyList<TaskAssignee> Assignees => _assignees;

    public IReadOnlyList<TaskCompletion> Completions => _completions;

    public Recurrence? Recurrence => Frequency is { } f && RecurrenceDay is { } d ? new Recurrence(f, d) : null;

    public static WorkTask Routine(string regionCode, string title, string description, Recurrence recurrence, DateOnly startsOn, DateOnly? endsOn, IReadOnlyList<TaskAssignee> assignees)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        CheckRule(new ATaskSaysWhatIsToBeDoneRule(title, description));
        CheckRule(new ARoutineTaskHasAValidRecurrenceRule(recurrence, startsOn, endsOn));
        CheckRule(new ATaskHasSomeoneToDoItRule(assignees.Count));
        var t = new WorkTask
        {
            RegionCode = regionCode, Kind = TaskKind.Routine, Title = title.Trim(), Description = description.Trim(),
            Frequency = recurrence.Frequency, RecurrenceDay = recurrence.Day, StartsOn = startsOn, EndsOn = endsOn,
        };
        t._assignees.AddRange(assignees);
        return t;
    }

    public static WorkTask Surge(string regionCode, string title, string description, DateOnly deadline, DateOnly today, IReadOnlyList<TaskAssignee> assignees)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        CheckRule(new ATaskSaysWhatIsToBeDoneRule(title, description));
        CheckRule(new ASurgeDeadlineIsAheadRule(deadline, today));
        CheckRule(new ATaskHasSomeoneToDoItRule(assignees.Count));
        var t = new WorkTask { RegionCode = regionCode, Kind = TaskKind.Surge, Title = title.Trim(), Description = description.Trim(), StartsOn = today, Deadline = deadline };
        t._assignees.AddRange(assignees);
        return t;
    }

    /// <summary>The task's due dates within [from, to].</summary>
    public IEnumerable<DateOnly> DueDates(DateOnly from, DateOnly to)
    {
        var start = from < StartsOn ? StartsOn : from;
        var end = EndsOn is { } e && e < to ? e : to;
        if (Kind == TaskKind.Surge)
        {
            return Deadline is { } d && d >= start && d <= end ? [d] : [];
        }

        return Recurrence?.DueDates(start, end) ?? [];
    }

    /// <summary>The next due date from <paramref name="today"/> on that the assignee has not completed, or null.</summary>
    public DateOnly? NextDue(int assigneeId, DateOnly today)
    {
        var horizon = Kind == TaskKind.Surge ? Deadline ?? today : today.AddDays(100);
        return DueDates(today, horizon).Cast<DateOnly?>().FirstOrDefault(d => !IsDone(assigneeId, d!.Value));
    }

    public bool IsDone(int assigneeId, DateOnly dueOn) => _completions.Any(c => c.AssigneeId == assigneeId && c.DueOn == dueOn);

    /// <summary>Occurrences due before today (within the look-back window) that are not done.</summary>
    public IReadOnlyList<OverdueOccurrence> Overdue(DateOnly today)
    {
        var from = Kind == TaskKind.Surge ? StartsOn : today.AddDays(-OverdueLookbackDays);
        var dates = DueDates(from, today.AddDays(-1)).ToList();
        return [.. from a in _assignees
                   from d in dates
                   where !IsDone(a.Id, d)
                   select new OverdueOccurrence(a.Id, d, today.DayNumber - d.DayNumber)];
    }

    public TaskCompletion Complete(int assigneeId, DateOnly dueOn, DateOnly today, string report, string by)
    {
        CheckRule(new ACompletionNamesAnAssigneeAndADueDateRule(_assignees.Any(a => a.Id == assigneeId), DueDates(dueOn, dueOn).Any()));
        CheckRule(new AnOccurrenceIsCompletedOnceRule(IsDone(assigneeId, dueOn)));
        CheckRule(new ACompletionReportsWhatWasDoneRule(report));
        CheckRule(new WorkIsNotReportedBeforeItStartsRule(Kind, dueOn, today));
        var c = TaskCompletion.Of(assigneeId, dueOn, today, report, by);
        _completions.Add(c);
        Touch();
        return c;
    }

    /// <summary>E2-2: a completed surge task is assessed with a score (0–100) or a grade, and what was actually done.</summary>
    public void Assess(int completionId, int? score, Grade? grade, string findings, string by, DateOnly today)
    {
        var completion = _completions.SingleOrDefault(c => c.Id == completionId);
        CheckRule(new OnlyCompletedSurgeWorkIsAssessedRule(Kind, completion));
        CheckRule(new AnAssessmentIsAScoreOrAGradeWithFindingsRule(score, grade, findings));
        completion!.Assess(score, grade, findings, by, today);
        Touch();
    }
}

public sealed class ATaskSaysWhatIsToBeDoneRule(string? title, string? description) : IBusinessRule
{
    public string Code => "Task.Text";

    public string Message => "请填写任务名称（不超过 60 字）和要求（不超过 2000 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(title) || title.Trim().Length > 60 || description is null || description.Trim().Length > 2000;
}

public sealed class ARoutineTaskHasAValidRecurrenceRule(Recurrence recurrence, DateOnly startsOn, DateOnly? endsOn) : IBusinessRule
{
    public string Code => "Task.Recurrence";

    public string Message => "周期设置无效：每周选择星期一至星期日，每月或每季度选择 1–28 日或月末；结束日期不能早于开始日期。";

    public bool IsBroken() => !recurrence.IsValid || endsOn < startsOn;
}

public sealed class ASurgeDeadlineIsAheadRule(DateOnly deadline, DateOnly today) : IBusinessRule
{
    public string Code => "Task.Deadline";

    public string Message => "突击任务的截止日期不能早于今天，也不能超过一年。";

    public bool IsBroken() => deadline < today || deadline > today.AddYears(1);
}

public sealed class ATaskHasSomeoneToDoItRule(int assignees) : IBusinessRule
{
    public string Code => "Task.Assignees";

    public string Message => "请至少指派一名社区工作者或一个社区。";

    public bool IsBroken() => assignees == 0;
}

public sealed class ACompletionNamesAnAssigneeAndADueDateRule(bool isAssignee, bool isDueDate) : IBusinessRule
{
    public string Code => "Task.Occurrence";

    public string Message => "该任务没有指派给此对象，或这一天不是任务的到期日。";

    public bool IsBroken() => !isAssignee || !isDueDate;
}

public sealed class AnOccurrenceIsCompletedOnceRule(bool alreadyDone) : IBusinessRule
{
    public string Code => "Task.Done";

    public string Message => "这一期任务已经报告完成。";

    public bool IsBroken() => alreadyDone;
}

public sealed class ACompletionReportsWhatWasDoneRule(string? report) : IBusinessRule
{
    public string Code => "Task.Report";

    public string Message => "请说明完成情况（不超过 2000 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(report) || report.Trim().Length > 2000;
}

public sealed class WorkIsNotReportedBeforeItStartsRule(TaskKind kind, DateOnly dueOn, DateOnly today) : IBusinessRule
{
    public string Code => "Task.Early";

    public string Message => "例行任务只能在到期前 7 天内报告完成。";

    public bool IsBroken() => kind == TaskKind.Routine && dueOn > today.AddDays(7);
}

public sealed class OnlyCompletedSurgeWorkIsAssessedRule(TaskKind kind, TaskCompletion? completion) : IBusinessRule
{
    public string Code => "Task.Assess";

    public string Message => "只有已完成的突击任务才能考核，且每项完成只考核一次。";

    public bool IsBroken() => kind != TaskKind.Surge || completion is null || completion.IsAssessed;
}

public sealed class AnAssessmentIsAScoreOrAGradeWithFindingsRule(int? score, Grade? grade, string? findings) : IBusinessRule
{
    public string Code => "Task.Assessment";

    public string Message => "考核须给出 0–100 分或“优/良/中/差”之一（二选一），并写明实际完成情况。";

    public bool IsBroken() => (score is null) == (grade is null) || score is < 0 or > 100 || string.IsNullOrWhiteSpace(findings) || findings.Trim().Length > 2000;
}
