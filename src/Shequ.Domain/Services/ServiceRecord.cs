using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Domain.Workforce;

namespace Shequ.Domain.Services;

/// <summary>E5-2: the worker went to the household, or came when called.</summary>
public enum ServiceMode
{
    ProactiveVisit = 1,
    OnCall = 2,
}

/// <summary>E5-2: who actually delivered the service.</summary>
public enum ProviderType
{
    Staff = 1,
    Volunteer = 2,
    HouseholdServiceStation = 3,
}

public enum ServiceOutcome
{
    Completed = 1,
    PartlyDone = 2,
    Referred = 3,
    NotPossible = 4,
}

/// <summary>
/// One delivery of a service item to a household (and, when known, one of its residents) by a worker. These
/// records are what a worker is later evaluated on: evaluators are sampled from them (E2-6).
/// </summary>
public sealed class ServiceRecord
{
    public const int MaxDaysBack = 90;

    private ServiceRecord()
    {
        RegionCode = string.Empty;
    }

    public long Id { get; private set; }

    public int ServiceItemId { get; private set; }

    public int WorkerId { get; private set; }

    public int HouseholdId { get; private set; }

    public int? ResidentId { get; private set; }

    /// <summary>The household's community or grid, copied for scope and for sampling by grid.</summary>
    public string RegionCode { get; private set; }

    /// <summary>Local time of the service.</summary>
    public DateTime OccurredAt { get; private set; }

    public ServiceMode Mode { get; private set; }

    public ProviderType Provider { get; private set; }

    public ServiceOutcome Outcome { get; private set; }

    public string? Note { get; private set; }

    public int Minutes { get; private set; }

    /// <summary>The work-log entry this record was written from, when entered in bulk.</summary>
    public int? WorkLogEntryId { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public string? RecordedBy { get; private set; }

    public static ServiceRecord Record(ServiceDelivery d, DateTime nowLocal, DateTime nowUtc, string? recordedBy)
    {
        ArgumentNullException.ThrowIfNull(d);
        CheckRule(new AServiceIsRecordedForThePastNinetyDaysRule(d.OccurredAt, nowLocal));
        CheckRule(new AServiceTakesBetweenOneMinuteAndSixteenHoursRule(d.Minutes));
        CheckRule(new AnItemOfferedWhereTheHouseholdLivesRule(d.Item, d.Household));
        CheckRule(new TheResidentServedLivesInTheHouseholdRule(d.Resident, d.Household));
        CheckRule(new Requests.TextFitsRule("ServiceRecord.Note", "服务情况不超过 500 字。", d.Note, 500));
        return new ServiceRecord
        {
            ServiceItemId = d.Item.Id,
            WorkerId = d.Worker.Id,
            HouseholdId = d.Household.Id,
            ResidentId = d.Resident?.Id,
            RegionCode = d.Household.RegionCode,
            OccurredAt = d.OccurredAt,
            Mode = d.Mode,
            Provider = d.Provider,
            Outcome = d.Outcome,
            Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim(),
            Minutes = d.Minutes,
            WorkLogEntryId = d.WorkLogEntryId,
            RecordedAtUtc = nowUtc,
            RecordedBy = recordedBy,
        };
    }

    private static void CheckRule(IBusinessRule rule)
    {
        if (rule.IsBroken())
        {
            throw new BusinessRuleViolationException(rule);
        }
    }
}

/// <summary>What was delivered, to whom, by whom and how.</summary>
public sealed record ServiceDelivery(
    ServiceItem Item,
    Worker Worker,
    Household Household,
    Resident? Resident,
    DateTime OccurredAt,
    ServiceMode Mode,
    ProviderType Provider,
    ServiceOutcome Outcome,
    int Minutes,
    string? Note,
    int? WorkLogEntryId = null);

public sealed class AServiceIsRecordedForThePastNinetyDaysRule(DateTime occurredAt, DateTime nowLocal) : IBusinessRule
{
    public string Code => "ServiceRecord.When";

    public string Message => "服务时间不能晚于现在，也不能早于 90 天前。";

    public bool IsBroken() => occurredAt > nowLocal.AddMinutes(5) || occurredAt < nowLocal.AddDays(-ServiceRecord.MaxDaysBack);
}

public sealed class AServiceTakesBetweenOneMinuteAndSixteenHoursRule(int minutes) : IBusinessRule
{
    public string Code => "ServiceRecord.Minutes";

    public string Message => "服务时长应在 1 分钟到 16 小时之间。";

    public bool IsBroken() => minutes is < 1 or > 16 * 60;
}

public sealed class AnItemOfferedWhereTheHouseholdLivesRule(ServiceItem item, Household household) : IBusinessRule
{
    public string Code => "ServiceRecord.Item";

    public string Message => "该服务事项未在此住户所在社区提供或已停用。";

    public bool IsBroken() => !item.IsActive || !item.AppliesTo(household.RegionCode);
}

public sealed class TheResidentServedLivesInTheHouseholdRule(Resident? resident, Household household) : IBusinessRule
{
    public string Code => "ServiceRecord.Resident";

    public string Message => "所选居民不属于该住户。";

    public bool IsBroken() => resident is not null && resident.HouseholdId != household.Id;
}
