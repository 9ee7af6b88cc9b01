using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

/// <summary>The district's assessment scheme: every change is a new version from a date; district administrators edit it.</summary>
public sealed class SchemeModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<AssessmentScheme> Versions { get; private set; } = [];

    public SchemeSettings Current { get; private set; } = SchemeSettings.Default;

    public bool CanEdit => User.IsInRole(Roles.DistrictAdmin) || User.IsInRole(Roles.SystemAdmin);

    public string District => (User.RegionCodeOf() ?? "320591")[..Math.Min(6, (User.RegionCodeOf() ?? "320591").Length)];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(
        decimal resident, decimal routine, decimal surge, decimal requests, decimal workLog,
        decimal excellent, decimal good, decimal fair, decimal poor, int minimumValid, decimal expectedExcellent, DateOnly effectiveFrom, decimal? annualSurge, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var settings = new SchemeSettings(
            new Dictionary<Indicator, decimal>
            {
                [Indicator.ResidentEvaluation] = resident / 100, [Indicator.RoutineWork] = routine / 100, [Indicator.SurgeTasks] = surge / 100,
                [Indicator.RequestsOnTime] = requests / 100, [Indicator.WorkLogCompleteness] = workLog / 100,
            },
            new GradePoints(excellent, good, fair, poor),
            minimumValid,
            expectedExcellent / 100,
            (annualSurge ?? SchemeSettings.Default.AnnualSurgeWeight * 100) / 100);
        try
        {
            var number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1;
            var settled = await db.AssessmentPeriods.IgnoreQueryFilters().AsNoTracking().Where(p => p.DistrictCode == District && p.Status != PeriodStatus.Open).ToListAsync(ct);
            db.AssessmentSchemes.Add(AssessmentScheme.Version(District, number, effectiveFrom, settings, User.Identity!.Name!, time.GetUtcNow().UtcDateTime, settled));
            db.Audit(Shequ.Data.Audit.AuditActions.Created, nameof(AssessmentScheme), $"{District} v{number}");
            await db.SaveChangesAsync(ct);
            return RedirectToPage();
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Versions = await db.AssessmentSchemes.AsNoTracking().Where(v => v.DistrictCode == District).OrderByDescending(v => v.Number).ToListAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        Current = Versions.Where(v => v.EffectiveFrom <= today).MaxBy(v => v.Number)?.Settings ?? SchemeSettings.Default;
    }
}
