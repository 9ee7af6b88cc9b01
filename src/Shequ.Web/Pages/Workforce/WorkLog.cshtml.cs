using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Pages.Registry.Residents;

namespace Shequ.Web.Pages.Workforce;

/// <summary>
/// A worker's week at a glance and quick entry of the day's work (E7-5). A worker sees their own log; an
/// administrator may open any worker's log in scope with ?worker=ID but only the worker writes it.
/// </summary>
public sealed class WorkLogModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int HouseholdChoices = 300;

    [BindProperty]
    public EntryInput Entry { get; set; } = new();

    public Worker? Worker { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public DateOnly WeekStart { get; private set; }

    public List<WorkLogEntry> Entries { get; private set; } = [];

    public List<(int Id, string Label)> Households { get; private set; } = [];

    public bool CanWrite => Worker is not null && Worker.StaffUserId == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public async Task<IActionResult> OnGetAsync(int? worker, DateOnly? week, CancellationToken ct) =>
        await LoadAsync(worker, week, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int? worker, CancellationToken ct)
    {
        if (!await LoadAsync(worker, Entry.Date, ct))
        {
            return NotFound();
        }

        if (!CanWrite)
        {
            return Forbid();
        }

        // Only households the worker may see can be named as visited.
        var visible = await db.Households.Where(h => Entry.Households.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct);
        try
        {
            db.WorkLog.Add(WorkLogEntry.Record(Worker!, Entry.Date, Today, Entry.Category, Entry.Minutes, Entry.Summary ?? string.Empty, visible));
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { worker = Worker!.Id, week = Entry.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int? workerId, DateOnly? week, CancellationToken ct)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        Worker = workerId is { } id
            ? await db.Workers.Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct)
            : await db.Workers.Include(w => w.Assignments).SingleOrDefaultAsync(w => w.StaffUserId == userId, ct);
        if (workerId is not null && Worker is null)
        {
            return false;
        }

        var day = week ?? Today;
        WeekStart = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        if (Worker is null)
        {
            return true;
        }

        var end = WeekStart.AddDays(7);
        Entries = await db.WorkLog.AsNoTracking().Where(e => e.WorkerId == Worker.Id && e.Date >= WeekStart && e.Date < end).OrderBy(e => e.Id).ToListAsync(ct);
        var prefixes = Worker.Assignments.Select(a => a.RegionCode).ToList();
        var households = prefixes.Count == 0
            ? []
            : await db.Households.AsNoTracking()
                .Where(h => prefixes.Any(p => h.RegionCode.StartsWith(p)))
                .OrderBy(h => h.RegionCode).ThenBy(h => h.Id).Take(HouseholdChoices).ToListAsync(ct);
        Households = [.. households.Select(h => (h.Id, $"{h.RegionCode[^3..]} {HouseholdDisplay.Address(h, sealer, reveal: false)}"))];
        return true;
    }

    public sealed class EntryInput
    {
        public DateOnly Date { get; set; }

        public WorkCategory Category { get; set; } = WorkCategory.HomeVisit;

        public int Minutes { get; set; }

        public string? Summary { get; set; }

        public List<int> Households { get; set; } = [];
    }
}
