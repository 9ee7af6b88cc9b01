using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Modules.Services;

namespace Shequ.Web.Modules.Services.Records;

/// <summary>
/// Bulk entry from the work log: one service record for each household a logged visit reached, written
/// together or not at all. A household already recorded for the entry is not recorded again.
/// </summary>
[Authorize(Policy = Policies.ServiceWork)]
public sealed class FromLogModel(ShequDbContext db, ServiceDesk desk, IPersonalDataSealer sealer) : PageModel
{
    public WorkLogEntry Entry { get; private set; } = null!;

    public List<(int Id, string Label, bool AlreadyRecorded)> Households { get; private set; } = [];

    public List<ServiceItem> Items { get; private set; } = [];

    [BindProperty]
    public int ServiceItemId { get; set; }

    [BindProperty]
    public ServiceMode Mode { get; set; } = ServiceMode.ProactiveVisit;

    [BindProperty]
    public ServiceOutcome Outcome { get; set; } = ServiceOutcome.Completed;

    [BindProperty]
    public List<int> Selected { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int entry, CancellationToken ct) => await LoadAsync(entry, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int entry, CancellationToken ct)
    {
        if (!await LoadAsync(entry, ct))
        {
            return NotFound();
        }

        var chosen = Households.Where(h => Selected.Contains(h.Id) && !h.AlreadyRecorded).Select(h => h.Id).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(string.Empty, "请至少选择一户尚未登记的住户。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The visit's time is not logged, only its day: noon of that day, or now if that is still ahead.
        var at = Entry.Date.ToDateTime(new TimeOnly(12, 0));
        if (at > desk.NowLocal)
        {
            at = desk.NowLocal;
        }

        var minutes = Math.Max(1, Entry.Minutes / chosen.Count);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var household in chosen)
        {
            var result = await desk.RecordAsync(new RecordInput(ServiceItemId, Entry.WorkerId, household, null, at, Mode, ProviderType.Staff, Outcome, minutes, Entry.Summary), User, Entry.Id, save: false, ct);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                ModelState.AddModelError(string.Empty, result.Error!);
                Response.StatusCode = result.Status;
                await LoadAsync(entry, ct);
                return Page();
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Recorded"] = chosen.Count;
        return RedirectToPage(new { entry });
    }

    private async Task<bool> LoadAsync(int entryId, CancellationToken ct)
    {
        var own = await desk.OwnWorkerAsync(User, ct);
        var found = await db.WorkLog.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (found is null || own is null || found.WorkerId != own.Id)
        {
            return false;
        }

        Entry = found;
        var ids = Entry.Visited.Select(v => v.HouseholdId).ToList();
        var recorded = await db.ServiceRecords.Where(r => r.WorkLogEntryId == entryId).Select(r => r.HouseholdId).ToListAsync(ct);
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        var labels = await HouseholdLabels.LabelAsync(db, sealer, households, ct);
        Households = [.. households.Select(h => (h.Id, labels[h.Id].ToString(), recorded.Contains(h.Id)))];
        var community = own.Assignments.Select(a => a.RegionCode).FirstOrDefault() ?? own.RegionCode;
        Items = await ServiceEndpoints.PublishedAsync(db, community, ct);
        return true;
    }
}
