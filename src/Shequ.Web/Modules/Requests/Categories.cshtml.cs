using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests;

/// <summary>The category tree and its time limits, a district setting: everyone reads them, district administrators change them.</summary>
public sealed class CategoriesModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<(RequestCategory Category, int Depth)> Tree { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.DistrictAdmin) || User.IsInRole(Roles.SystemAdmin);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Dictionary<int, int?> limits, HashSet<int> active, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var all = await db.RequestCategories.ToListAsync(ct);
        try
        {
            foreach (var c in all)
            {
                c.SetTimeLimit(limits.TryGetValue(c.Id, out var hours) ? hours : c.TimeLimitHours);
                c.SetActive(active.Contains(c.Id));
            }
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }

        db.Audit(Shequ.Data.Audit.AuditActions.Updated, nameof(RequestCategory), detail: "time limits");
        await db.SaveChangesAsync(ct);
        TempData["Saved"] = true;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Tree = [.. CategoryTree.Ordered(await db.RequestCategories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct))];
}
