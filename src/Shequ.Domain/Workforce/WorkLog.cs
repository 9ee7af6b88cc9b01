using Shequ.Domain.Common;

namespace Shequ.Domain.Workforce;

/// <summary>工作日志 categories (E7-5).</summary>
public enum WorkCategory
{
    HomeVisit = 1,
    Service = 2,
    Meeting = 3,
    Training = 4,
    Records = 5,
    Mediation = 6,
    Patrol = 7,
    Other = 9,
}

public sealed class VisitedHousehold
{
    private VisitedHousehold()
    {
    }

    public int Id { get; private set; }

    public int HouseholdId { get; private set; }

    internal static VisitedHousehold Of(int householdId) => new() { HouseholdId = householdId };
}

/// <summary>One entry of a worker's daily work log; visits name the households they reached.</summary>
public sealed class WorkLogEntry : Entity
{
    public const int MaxMinutesPerEntry = 16 * 60;

    private readonly List<VisitedHousehold> _visited = [];

    private WorkLogEntry()
    {
        RegionCode = string.Empty;
        Summary = string.Empty;
    }

    public int Id { get; private set; }

    public int WorkerId { get; private set; }

    /// <summary>The worker's employer code, copied for the scope filter.</summary>
    public string RegionCode { get; private set; }

    public DateOnly Date { get; private set; }

    public WorkCategory Category { get; private set; }

    public int Minutes { get; private set; }

    public string Summary { get; private set; }

    public IReadOnlyList<VisitedHousehold> Visited => _visited;

    public static WorkLogEntry Record(Worker worker, DateOnly date, DateOnly today, WorkCategory category, int minutes, string summary, IEnumerable<int> visitedHouseholds)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(visitedHouseholds);
        CheckRule(new WorkIsLoggedForAPastDayRule(date, today));
        CheckRule(new AnEntryTakesBetweenFiveMinutesAndSixteenHoursRule(minutes));
        CheckRule(new AnEntrySaysWhatWasDoneRule(summary));
        var visited = visitedHouseholds.Distinct().ToList();
        CheckRule(new VisitsNameTheHouseholdsVisitedRule(category, visited.Count));
        var entry = new WorkLogEntry
        {
            WorkerId = worker.Id,
            RegionCode = worker.RegionCode,
            Date = date,
            Category = category,
            Minutes = minutes,
            Summary = summary.Trim(),
        };
        entry._visited.AddRange(visited.Select(VisitedHousehold.Of));
        return entry;
    }
}

public sealed class WorkIsLoggedForAPastDayRule(DateOnly date, DateOnly today) : IBusinessRule
{
    public string Code => "WorkLog.Date";

    public string Message => "日志日期不能晚于今天，也不能早于 90 天前。";

    public bool IsBroken() => date > today || date < today.AddDays(-90);
}

public sealed class AnEntryTakesBetweenFiveMinutesAndSixteenHoursRule(int minutes) : IBusinessRule
{
    public string Code => "WorkLog.Minutes";

    public string Message => "时长应在 5 分钟到 16 小时之间。";

    public bool IsBroken() => minutes is < 5 or > WorkLogEntry.MaxMinutesPerEntry;
}

public sealed class AnEntrySaysWhatWasDoneRule(string? summary) : IBusinessRule
{
    public string Code => "WorkLog.Summary";

    public string Message => "请简要记录工作内容（不超过 500 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(summary) || summary.Trim().Length > 500;
}

public sealed class VisitsNameTheHouseholdsVisitedRule(WorkCategory category, int households) : IBusinessRule
{
    public string Code => "WorkLog.Visits";

    public string Message => "入户走访须选择走访的住户。";

    public bool IsBroken() => category == WorkCategory.HomeVisit && households == 0;
}
