using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Workforce.Training;

public sealed class DetailsModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public TrainingPlan Plan { get; private set; } = null!;

    public List<Worker> Workers { get; private set; } = [];

    public bool CanEdit => User.CanEditOrganization();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSessionAsync(int id, DateOnly date, string? topic, decimal hours, CancellationToken ct) =>
        ChangeAsync(id, () => Plan.AddSession(date, topic ?? string.Empty, hours), ct);

    public Task<IActionResult> OnPostAttendanceAsync(int id, int sessionId, List<int> workerIds, CancellationToken ct) =>
        ChangeAsync(id, () => Plan.RecordAttendance(sessionId, workerIds.Where(w => Workers.Any(x => x.Id == w))), ct);

    private async Task<IActionResult> ChangeAsync(int id, Action change, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            change();
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.TrainingPlans.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;

        // Trainees: the workers employed in or serving the organiser's area that the caller can see.
        var prefix = RegionCode.SubtreePrefix(RegionCode.LevelOf(plan.RegionCode) ?? RegionLevel.Community, plan.RegionCode);
        Workers = await db.Workers.AsNoTracking()
            .Where(w => w.RegionCode.StartsWith(prefix) || w.Assignments.Any(a => a.RegionCode.StartsWith(prefix)))
            .OrderBy(w => w.Name).Take(300).ToListAsync(ct);
        return true;
    }
}
