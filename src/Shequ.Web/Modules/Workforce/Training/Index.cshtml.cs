using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Organization;

namespace Shequ.Web.Modules.Workforce.Training;

public sealed class IndexModel(ShequDbContext db, IAuthorizationService authz, RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public Page<TrainingPlan> Results { get; private set; } = new([], 1, Page<TrainingPlan>.DefaultSize, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.OrganizationEdit)).Succeeded)
        {
            return Forbid();
        }

        var code = await regions.ReadRegionAsync(ModelState, string.Empty, Input.RegionCode, User, l, ct: ct);
        var organiser = code is null ? null : await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (organiser is null)
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(string.Empty, l["Region.ParentNotFound", Input.RegionCode]);
            }

            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var plan = TrainingPlan.Create(organiser, Input.Title, Input.Start, Input.End, Input.Sessions);
            db.TrainingPlans.Add(plan);
            await db.SaveChangesAsync(ct);
            return Redirect("/Workforce/Training/Details/" + plan.Id);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Results = await db.TrainingPlans.AsNoTracking().OrderByDescending(p => p.StartDate).ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public sealed class PlanInput
    {
        public string Title { get; set; } = string.Empty;

        public string RegionCode { get; set; } = string.Empty;

        public DateOnly Start { get; set; }

        public DateOnly End { get; set; }

        public int Sessions { get; set; } = 20;
    }
}
