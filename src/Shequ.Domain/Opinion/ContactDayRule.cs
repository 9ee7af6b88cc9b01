namespace Shequ.Domain.Opinion;

/// <summary>
/// When the monthly public-opinion contact day falls (E8-6: the second Sunday of every month). The rule is a
/// setting per district: which occurrence (1–4, or -1 for the last) of which weekday.
/// </summary>
public sealed record ContactDayRule
{
    public ContactDayRule(int occurrence, DayOfWeek weekday)
    {
        if (occurrence is not (>= 1 and <= 4 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(occurrence), "occurrence is 1–4 or -1 (the last)");
        }

        Occurrence = occurrence;
        Weekday = weekday;
    }

    public static ContactDayRule SecondSunday { get; } = new(2, DayOfWeek.Sunday);

    public int Occurrence { get; }

    public DayOfWeek Weekday { get; }

    public DateOnly DayIn(int year, int month)
    {
        if (Occurrence == -1)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)Weekday + 7) % 7));
        }

        var first = new DateOnly(year, month, 1);
        var offset = ((int)Weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (Occurrence - 1)));
    }

    /// <summary>The contact days of a year, one a month.</summary>
    public IReadOnlyList<DateOnly> DaysIn(int year) => [.. Enumerable.Range(1, 12).Select(m => DayIn(year, m))];
}

/// <summary>
/// Leaders take turns (E8-6): across the months, each community meets the assigned leaders in rotation, and
/// in any one month no leader is sent to two communities while another leader waits.
/// </summary>
public static class LeaderRoster
{
    /// <summary>The leader for <paramref name="communityIndex"/> in the <paramref name="monthIndex"/>-th month (0-based).</summary>
    public static T LeaderFor<T>(IReadOnlyList<T> leaders, int communityIndex, int monthIndex)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        if (leaders.Count == 0)
        {
            throw new ArgumentException("at least one leader is needed", nameof(leaders));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(communityIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(monthIndex);
        return leaders[(communityIndex + monthIndex) % leaders.Count];
    }
}
