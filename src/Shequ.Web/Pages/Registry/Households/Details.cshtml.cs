using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Pages.Registry.Residents;

namespace Shequ.Web.Pages.Registry.Households;

public sealed class DetailsModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public Household Household { get; private set; } = null!;

    public string Address { get; private set; } = string.Empty;

    public List<(Resident Resident, ResidentRow Row)> Members { get; private set; } = [];

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
        return true;
    }
}
