using System.Globalization;

namespace Shequ.Domain.Common;

/// <summary>
/// One year's public holidays and make-up working days (调休上班), as the State Council's notice sets them. A day is
/// a working day when it is a make-up day, or a weekday that is not a holiday.
/// </summary>
public sealed class HolidayCalendar
{
    private HolidayCalendar()
    {
        Holidays = string.Empty;
        MakeupDays = string.Empty;
        UpdatedBy = string.Empty;
    }

    public int Year { get; private set; }

    /// <summary>Days off, one yyyy-MM-dd per line.</summary>
    public string Holidays { get; private set; }

    /// <summary>Weekend days worked instead, one yyyy-MM-dd per line.</summary>
    public string MakeupDays { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public static HolidayCalendar For(int year, IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeup, string by, DateTime nowUtc)
    {
        var calendar = new HolidayCalendar { Year = year };
        calendar.Set(holidays, makeup, by, nowUtc);
        return calendar;
    }

    public void Set(IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeup, string by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeup);
        var rule = new HolidayDaysBelongToTheirYearRule(Year, holidays, makeup);
        if (rule.IsBroken())
        {
            throw new BusinessRuleViolationException(rule);
        }

        Holidays = string.Join('\n', holidays.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        MakeupDays = string.Join('\n', makeup.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        UpdatedBy = by;
        UpdatedAtUtc = nowUtc;
    }

    public WorkCalendar Calendar => new(Parse(Holidays), Parse(MakeupDays));

    /// <summary>Dates one per line (or separated by commas, spaces or 、); null when any is not a date.</summary>
    public static List<DateOnly>? ParseList(string? text)
    {
        var list = new List<DateOnly>();
        foreach (var part in (text ?? string.Empty).Split(['\n', '\r', ',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return null;
            }

            list.Add(d);
        }

        return list;
    }

    private static HashSet<DateOnly> Parse(string text) => [.. ParseList(text) ?? []];
}

/// <summary>Which days are worked: weekdays, minus public holidays, plus make-up days (issue 14: every working-day count uses it).</summary>
public sealed class WorkCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> makeup)
{
    /// <summary>Monday to Friday, no holidays: what a year without a calendar falls back to.</summary>
    public static WorkCalendar WeekdaysOnly { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public IReadOnlySet<DateOnly> Holidays { get; } = holidays;

    public IReadOnlySet<DateOnly> Makeup { get; } = makeup;

    public bool IsWorkingDay(DateOnly day) =>
        Makeup.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day));

    public int WorkingDays(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days += IsWorkingDay(d) ? 1 : 0;
        }

        return days;
    }

    /// <summary>Several years' calendars as one.</summary>
    public static WorkCalendar Combine(IEnumerable<WorkCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var list = calendars.ToList();
        return new WorkCalendar(list.SelectMany(c => c.Holidays).ToHashSet(), list.SelectMany(c => c.Makeup).ToHashSet());
    }
}

/// <summary>
/// The national arrangement as published by the General Office of the State Council (国务院办公厅关于…部分节假日安排的通知),
/// used for a year that has no calendar of its own. A year not listed here falls back to weekdays only, and the
/// calendar page says so, until someone enters that year's notice.
/// </summary>
public static class NationalHolidays
{
    private static readonly Dictionary<int, (string Holidays, string Makeup)> Published = new()
    {
        // 国办发明电〔2024〕12号
        [2025] = (
            "2025-01-01 2025-01-28 2025-01-29 2025-01-30 2025-01-31 2025-02-01 2025-02-02 2025-02-03 2025-02-04 " +
            "2025-04-04 2025-04-05 2025-04-06 2025-05-01 2025-05-02 2025-05-03 2025-05-04 2025-05-05 2025-05-31 2025-06-01 2025-06-02 " +
            "2025-10-01 2025-10-02 2025-10-03 2025-10-04 2025-10-05 2025-10-06 2025-10-07 2025-10-08",
            "2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11"),

        // 国办发明电〔2025〕7号
        [2026] = (
            "2026-01-01 2026-01-02 2026-01-03 2026-02-15 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22 2026-02-23 " +
            "2026-04-04 2026-04-05 2026-04-06 2026-05-01 2026-05-02 2026-05-03 2026-05-04 2026-05-05 2026-06-19 2026-06-20 2026-06-21 " +
            "2026-09-25 2026-09-26 2026-09-27 2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 2026-10-07",
            "2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10"),
    };

    public static bool Has(int year) => Published.ContainsKey(year);

    public static (List<DateOnly> Holidays, List<DateOnly> Makeup) Of(int year) =>
        Published.TryGetValue(year, out var p) ? (HolidayCalendar.ParseList(p.Holidays)!, HolidayCalendar.ParseList(p.Makeup)!) : ([], []);

    public static WorkCalendar CalendarOf(int year)
    {
        var (holidays, makeup) = Of(year);
        return new WorkCalendar(holidays.ToHashSet(), makeup.ToHashSet());
    }
}

public sealed class HolidayDaysBelongToTheirYearRule(int year, IReadOnlyCollection<DateOnly> holidays, IReadOnlyCollection<DateOnly> makeup) : IBusinessRule
{
    public string Code => "Calendar.Days";

    public string Message => $"节假日和调休上班日都应在 {year} 年内，同一天不能既放假又上班，调休上班日应是周六或周日。";

    public bool IsBroken() =>
        year is < 2000 or > 2100
        || holidays.Concat(makeup).Any(d => d.Year != year)
        || holidays.Intersect(makeup).Any()
        || makeup.Any(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
}
