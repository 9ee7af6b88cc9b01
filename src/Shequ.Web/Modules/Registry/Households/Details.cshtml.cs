using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Registry.Residents;

namespace Shequ.Web.Modules.Registry.Households;

public sealed class DetailsModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public Household Household { get; private set; } = null!;

    public string Address { get; private set; } = string.Empty;

    public List<(Resident Resident, ResidentRow Row)> Members { get; private set; } = [];

    public const int RecentServices = 10;

    /// <summary>The latest services this household received, newest first.</summary>
    public List<(Shequ.Domain.Services.ServiceRecord Record, string Item, string Worker)> Services { get; private set; } = [];

    public bool CanEdit => User.CanEditRegistry();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveOutAsync(int id, int version, CancellationToken ct) => ChangeAsync(id, version, h => h.MoveOut(), ct);

    public Task<IActionResult> OnPostMoveInAsync(int id, int version, CancellationToken ct) => ChangeAsync(id, version, h => h.MoveBackIn(), ct);

    private async Task<IActionResult> ChangeAsync(int id, int version, Action<Household> change, CancellationToken ct)
    {
        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            db.Entry(household).Property(h => h.Version).OriginalValue = version;
            change(household);
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id });
        }
        catch (DbUpdateConcurrencyException)
        {
            await LoadAsync(id, ct);
            return this.ConflictPage(l);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return false;
        }

        Household = household;
        Address = HouseholdDisplay.Address(household, sealer, reveal: false);
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id).OrderBy(r => r.Relation).ThenBy(r => r.BirthDate).ToListAsync(ct);
        Members = [.. members.Select(m => (m, ResidentSearch.ToRow(m, sealer, today)))];
        var services = await db.ServiceRecords.AsNoTracking().Where(r => r.HouseholdId == id).OrderByDescending(r => r.OccurredAt).Take(RecentServices).ToListAsync(ct);
        var itemIds = services.Select(r => r.ServiceItemId).Distinct().ToList();
        var workerIds = services.Select(r => r.WorkerId).Distinct().ToList();
        var items = await db.ServiceItems.IgnoreQueryFilters().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        Services = [.. services.Select(r => (r, items.GetValueOrDefault(r.ServiceItemId) ?? string.Empty, workers.GetValueOrDefault(r.WorkerId) ?? string.Empty))];
        return true;
    }
}
