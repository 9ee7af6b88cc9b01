using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Opinion;

/// <summary>The leaders who take turns on contact days, named per street (or for the whole district).</summary>
public sealed class LeadersModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<ContactLeader> Leaders { get; private set; } = [];

    public List<(string Code, string Name)> Regions { get; private set; } = [];

    public bool CanEdit => User.CanEditOrganization();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string region, string name, string title, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (!await db.Regions.AnyAsync(r => r.Code == region && (r.Level == RegionLevel.Street || r.Level == RegionLevel.District), ct))
        {
            ModelState.AddModelError(string.Empty, l["Leader.ChooseRegion"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            db.ContactLeaders.Add(ContactLeader.Appoint(region, name, title));
            await db.SaveChangesAsync(ct);
            return RedirectToPage();
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        var leader = await db.ContactLeaders.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (leader is null)
        {
            return NotFound();
        }

        if (!CanEdit || !await db.Regions.AnyAsync(r => r.Code == leader.RegionCode, ct))
        {
            return Forbid();
        }

        leader.SetActive(active);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Leaders = await db.ContactLeaders.AsNoTracking().OrderBy(x => x.RegionCode).ThenBy(x => x.Id).ToListAsync(ct);
        Regions = [.. (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Street || r.Level == RegionLevel.District).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync(ct)).Select(r => (r.Code, r.Name))];
    }
}
