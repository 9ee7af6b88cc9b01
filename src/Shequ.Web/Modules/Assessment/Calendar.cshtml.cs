using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// The holiday calendar (issue 14): one setting per year — public holidays and make-up working days — used by every
/// working-day count; the national arrangement applies to a year nobody has set. District and system administrators edit.
/// </summary>
public sealed class CalendarModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public enum Source
    {
        Set = 1,
        National = 2,
        None = 3,
    }

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public string? Holidays { get; set; }

    [BindProperty]
    public string? MakeupDays { get; set; }

    public Source From { get; private set; }

    public HolidayCalendar? Stored { get; private set; }

    public List<(int Month, int WorkingDays)> Months { get; private set; } = [];

    public bool CanEdit => Roles.PeriodManagers.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(fill: true, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadAsync(fill: false, ct);
        var holidays = HolidayCalendar.ParseList(Holidays);
        var makeup = HolidayCalendar.ParseList(MakeupDays);
        if (holidays is null || makeup is null)
        {
            ModelState.AddModelError(string.Empty, l["Calendar.BadDate"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (await db.HolidayCalendars.SingleOrDefaultAsync(c => c.Year == Year, ct) is { } existing)
            {
                existing.Set(holidays, makeup, User.Identity!.Name!, now);
            }
            else
            {
                db.HolidayCalendars.Add(HolidayCalendar.For(Year, holidays, makeup, User.Identity!.Name!, now));
            }

            db.Audit(Shequ.Data.Audit.AuditActions.Updated, nameof(HolidayCalendar), Year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{holidays.Count} holidays, {makeup.Count} make-up days");
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { year = Year });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(bool fill, CancellationToken ct)
    {
        if (Year is < 2000 or > 2100)
        {
            Year = time.GetLocalNow().Year;
        }

        Stored = await db.HolidayCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Year == Year, ct);
        From = Stored is not null ? Source.Set : NationalHolidays.Has(Year) ? Source.National : Source.None;
        if (fill)
        {
            var (holidays, makeup) = Stored is { } s ? (s.Holidays, s.MakeupDays) : Lines(NationalHolidays.Of(Year));
            (Holidays, MakeupDays) = (holidays, makeup);
        }

        var calendar = await ScoreBoard.CalendarAsync(db, Year, Year, ct);
        Months = [.. Enumerable.Range(1, 12).Select(m => (m, calendar.WorkingDays(new DateOnly(Year, m, 1), new DateOnly(Year, m, 1).AddMonths(1).AddDays(-1))))];
    }

    private static (string, string) Lines((List<DateOnly> Holidays, List<DateOnly> Makeup) days) =>
        (string.Join('\n', days.Holidays.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
         string.Join('\n', days.Makeup.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
}
