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
}
