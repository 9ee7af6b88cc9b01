using Shequ.Domain.Common;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Workforce;

/// <summary>A training plan (E8-5: e.g. 20 sessions over 3 months) run by a district, street or community.</summary>
public sealed class TrainingPlan : Entity
{
    private readonly List<TrainingSession> _sessions = [];

    private TrainingPlan()
    {
        Title = string.Empty;
        RegionCode = string.Empty;
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>The organising unit; scope follows it.</summary>
    public string RegionCode { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public int PlannedSessions { get; private set; }

    public IReadOnlyList<TrainingSession> Sessions => _sessions;

    public decimal PlannedProgress => PlannedSessions == 0 ? 0 : Math.Min(1m, (decimal)_sessions.Count / PlannedSessions);

    public static TrainingPlan Create(Region organiser, string title, DateOnly start, DateOnly end, int plannedSessions)
    {
        ArgumentNullException.ThrowIfNull(organiser);
        CheckRule(new ATrainingPlanHasATitleAPeriodAndSessionsRule(title, start, end, plannedSessions));
        return new TrainingPlan { Title = title.Trim(), RegionCode = organiser.Code, StartDate = start, EndDate = end, PlannedSessions = plannedSessions };
    }

    public TrainingSession AddSession(DateOnly date, string topic, decimal hours)
    {
        CheckRule(new SessionsFallWithinThePlanRule(date, StartDate, EndDate));
        CheckRule(new ASessionHasATopicAndSensibleHoursRule(topic, hours));
        var session = TrainingSession.Of(date, topic, hours);
        _sessions.Add(session);
        Touch();
        return session;
    }

    /// <summary>Records who attended a session; attendees replace the previous list.</summary>
    public void RecordAttendance(int sessionId, IEnumerable<int> workerIds)
    {
        var session = _sessions.SingleOrDefault(s => s.Id == sessionId)
            ?? throw new BusinessRuleViolationException(new SessionBelongsToThePlanRule());
        session.SetAttendees(workerIds);
        Touch();
    }
}

public sealed class TrainingSession
{
    private readonly List<TrainingAttendance> _attendance = [];

    private TrainingSession()
    {
        Topic = string.Empty;
    }

    public int Id { get; private set; }

    public DateOnly Date { get; private set; }

    public string Topic { get; private set; }

    public decimal Hours { get; private set; }

    public IReadOnlyList<TrainingAttendance> Attendance => _attendance;

    internal static TrainingSession Of(DateOnly date, string topic, decimal hours) => new() { Date = date, Topic = topic.Trim(), Hours = hours };

    internal void SetAttendees(IEnumerable<int> workerIds)
    {
        _attendance.Clear();
        _attendance.AddRange(workerIds.Distinct().Select(TrainingAttendance.Of));
    }
}

public sealed class TrainingAttendance
{
    private TrainingAttendance()
    {
    }

    public int Id { get; private set; }

    public int WorkerId { get; private set; }

    internal static TrainingAttendance Of(int workerId) => new() { WorkerId = workerId };
}

public sealed class ATrainingPlanHasATitleAPeriodAndSessionsRule(string? title, DateOnly start, DateOnly end, int sessions) : IBusinessRule
{
    public string Code => "Training.Plan";

    public string Message => "培训计划须有名称（不超过 100 字）、结束日期不早于开始日期，计划场次为 1–500。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(title) || title.Trim().Length > 100 || end < start || sessions is < 1 or > 500;
}

public sealed class SessionsFallWithinThePlanRule(DateOnly date, DateOnly start, DateOnly end) : IBusinessRule
{
    public string Code => "Training.SessionDate";

    public string Message => $"培训日期须在计划期间（{start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}）内。";

    public bool IsBroken() => date < start || date > end;
}

public sealed class ASessionHasATopicAndSensibleHoursRule(string? topic, decimal hours) : IBusinessRule
{
    public string Code => "Training.Session";

    public string Message => "每场培训须有主题（不超过 100 字），学时为 0.5–8 小时。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(topic) || topic.Trim().Length > 100 || hours is < 0.5m or > 8m;
}

public sealed class SessionBelongsToThePlanRule : IBusinessRule
{
    public string Code => "Training.SessionUnknown";

    public string Message => "该场次不属于本培训计划。";

    public bool IsBroken() => true;
}
