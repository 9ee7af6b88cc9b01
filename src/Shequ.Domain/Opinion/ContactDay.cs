using Shequ.Domain.Common;

namespace Shequ.Domain.Opinion;

/// <summary>A leader who takes turns meeting residents on contact days (E8-6), named by a street or the district.</summary>
public sealed class ContactLeader
{
    private ContactLeader()
    {
        RegionCode = string.Empty;
        Name = string.Empty;
        Title = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The street (or district) whose communities this leader visits.</summary>
    public string RegionCode { get; private set; }

    public string Name { get; private set; }

    public string Title { get; private set; }

    public bool IsActive { get; private set; } = true;

    public static ContactLeader Appoint(string regionCode, string name, string title)
    {
        var rule = new ALeaderHasANameAndATitleRule(name, title);
        if (rule.IsBroken())
        {
            throw new BusinessRuleViolationException(rule);
        }

        return new ContactLeader { RegionCode = regionCode, Name = name.Trim(), Title = title.Trim() };
    }

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>
/// One community's monthly public-opinion contact day (E8-6): when and where, which leader receives residents,
/// the agenda, and how many residents, organisations and enterprises came.
/// </summary>
public sealed class ContactDay : Entity
{
    public const int MaxAttendance = 100_000;

    private ContactDay()
    {
        CommunityCode = string.Empty;
        Venue = string.Empty;
        LeaderName = string.Empty;
    }

    public int Id { get; private set; }

    public string CommunityCode { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly StartTime { get; private set; }

    public TimeOnly EndTime { get; private set; }

    public string Venue { get; private set; }

    public string? Agenda { get; private set; }

    public int? LeaderId { get; private set; }

    public string LeaderName { get; private set; }

    public string? LeaderTitle { get; private set; }

    public int? Residents { get; private set; }

    public int? Organizations { get; private set; }

    public int? Enterprises { get; private set; }

    public bool IsPublished { get; private set; }

    public int? TotalAttendance => Residents is null && Organizations is null && Enterprises is null ? null : (Residents ?? 0) + (Organizations ?? 0) + (Enterprises ?? 0);

    public static ContactDay Plan(string communityCode, DateOnly date, ContactLeader leader, string venue, TimeOnly start, TimeOnly end)
    {
        ArgumentNullException.ThrowIfNull(leader);
        var day = new ContactDay { CommunityCode = communityCode, Date = date };
        day.Arrange(venue, start, end, null, leader);
        return day;
    }

    public void Arrange(string venue, TimeOnly start, TimeOnly end, string? agenda, ContactLeader leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        CheckRule(new AContactDayHasAVenueAndATimeRule(venue, start, end, agenda));
        Venue = venue.Trim();
        StartTime = start;
        EndTime = end;
        Agenda = string.IsNullOrWhiteSpace(agenda) ? null : agenda.Trim();
        LeaderId = leader.Id;
        LeaderName = leader.Name;
        LeaderTitle = string.IsNullOrWhiteSpace(leader.Title) ? null : leader.Title;
        Touch();
    }

    public void RecordAttendance(int residents, int organizations, int enterprises, DateOnly today)
    {
        CheckRule(new AttendanceIsCountedOnOrAfterTheDayRule(Date, today, residents, organizations, enterprises));
        (Residents, Organizations, Enterprises) = (residents, organizations, enterprises);
        Touch();
    }

    public void Publish(bool published)
    {
        IsPublished = published;
        Touch();
    }
}

/// <summary>
/// Plans a year of contact days: one per community per month on the district's day rule, leaders taking
/// turns so each community meets every leader over the months.
/// </summary>
public static class ContactDayPlanner
{
    public static IEnumerable<(string CommunityCode, DateOnly Date, T Leader)> Plan<T>(ContactDayRule rule, int year, IReadOnlyList<string> communities, IReadOnlyList<T> leaders)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(communities);
        for (var month = 1; month <= 12; month++)
        {
            var date = rule.DayIn(year, month);
            for (var c = 0; c < communities.Count; c++)
            {
                yield return (communities[c], date, LeaderRoster.LeaderFor(leaders, c, month - 1));
            }
        }
    }
}

public sealed class ALeaderHasANameAndATitleRule(string? name, string? title) : IBusinessRule
{
    public string Code => "Leader.Name";

    public string Message => "请填写领导姓名和职务（各不超过 50 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50 || string.IsNullOrWhiteSpace(title) || title.Trim().Length > 50;
}

public sealed class AContactDayHasAVenueAndATimeRule(string? venue, TimeOnly start, TimeOnly end, string? agenda) : IBusinessRule
{
    public string Code => "ContactDay.Arrangement";

    public string Message => "请填写地点（不超过 100 字），结束时间须晚于开始时间，议程不超过 1000 字。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(venue) || venue.Trim().Length > 100 || end <= start || agenda?.Length > 1000;
}

public sealed class AttendanceIsCountedOnOrAfterTheDayRule(DateOnly date, DateOnly today, int residents, int organizations, int enterprises) : IBusinessRule
{
    public string Code => "ContactDay.Attendance";

    public string Message => "接待日当天或之后才能登记到场人数，人数须在 0 至 100000 之间。";

    public bool IsBroken() => date > today || new[] { residents, organizations, enterprises }.Any(n => n is < 0 or > ContactDay.MaxAttendance);
}
