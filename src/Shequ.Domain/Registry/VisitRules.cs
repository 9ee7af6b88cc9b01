namespace Shequ.Domain.Registry;

/// <summary>
/// How often a resident should be visited (E5-2: key recipients weekly, for example). The intervals are
/// settings; the strictest rule that applies to a resident wins.
/// </summary>
public sealed class VisitRules
{
    public int KeyRecipientDays { get; set; } = 7;

    /// <summary>Intervals per special group; a group not listed adds no rule.</summary>
    public Dictionary<SpecialGroup, int> GroupDays { get; set; } = new()
    {
        [SpecialGroup.LivingAlone] = 7,
        [SpecialGroup.Tekun] = 14,
        [SpecialGroup.EmptyNest] = 14,
        [SpecialGroup.Elderly80] = 14,
        [SpecialGroup.PsychiatricCare] = 14,
        [SpecialGroup.Disability] = 30,
        [SpecialGroup.Dibao] = 30,
        [SpecialGroup.LeftBehindChild] = 30,
    };

    /// <summary>The interval in days that applies to a resident, or null when no rule does.</summary>
    public int? IntervalFor(CareLevel care, IEnumerable<SpecialGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var days = groups.Select(g => GroupDays.TryGetValue(g, out var d) ? d : (int?)null).Where(d => d is > 0).ToList();
        if (care == CareLevel.Key)
        {
            days.Add(KeyRecipientDays);
        }

        return days.Count == 0 ? null : days.Min();
    }

    /// <summary>When the next visit is due: the last visit plus the interval, or today when there was none.</summary>
    public static DateOnly DueOn(DateOnly? lastVisit, int interval, DateOnly today) => lastVisit?.AddDays(interval) ?? today;

    /// <summary>Days before the due date from which a visit shows as "due soon" on a worker's list.</summary>
    public int DueSoonDays { get; set; } = 2;

    /// <summary>Where a resident stands: the due date, whether the visit is due soon, due today or overdue, and by how many days.</summary>
    public VisitDue Assess(DateOnly? lastVisit, int interval, DateOnly today)
    {
        var due = DueOn(lastVisit, interval, today);
        var late = today.DayNumber - due.DayNumber;
        var state = late > 0 ? VisitState.Overdue
            : late == 0 ? VisitState.Due
            : -late <= DueSoonDays ? VisitState.DueSoon
            : VisitState.NotDue;
        return new VisitDue(due, state, Math.Max(0, late));
    }
}

public enum VisitState
{
    NotDue = 0,
    DueSoon = 1,
    Due = 2,
    Overdue = 3,
}

public readonly record struct VisitDue(DateOnly DueOn, VisitState State, int OverdueDays);
