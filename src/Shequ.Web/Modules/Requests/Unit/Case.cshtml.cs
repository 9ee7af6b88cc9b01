using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Requests.Unit;

/// <summary>One case routed to the unit: take it up, report the result (the resident reads it), or hand it back.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Shequ.Domain.Access.Roles.UnitHandler)]
public sealed class CaseModel(ShequDbContext db, RequestDesk desk, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public ServiceRequest Case { get; private set; } = null!;

    public string? CategoryName { get; private set; }

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, RequestStage to, string? note, int version, CancellationToken ct)
    {
        var result = await desk.MoveAsync(id, to, User.Identity!.Name!, note, null, version, ct, actingUnitId: User.UnitIdOf() ?? 0);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = (string)l["Request.Moved", l["Stage." + to]];
            return to == RequestStage.Opened ? RedirectToPage("Index") : RedirectToPage(new { id });
        }

        ModelState.AddModelError(string.Empty, result.FirstError);
        Response.StatusCode = result.Status;
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var unitId = User.UnitIdOf();
        var found = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.HandlerUnitId == unitId, ct);
        if (found is null)
        {
            return false;
        }

        Case = found;
        CategoryName = await db.RequestCategories.Where(c => c.Id == Case.CategoryId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return true;
    }
}
