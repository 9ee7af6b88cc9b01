using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Organization;

namespace Shequ.Web.Modules.Assessment.Open;

/// <summary>
/// 公示 without sign-in (E2-3, issue 14): a community's workers' published or frozen results — total, rank in the
/// community, number of valid evaluations and any correction — never a grade count below the minimum, never a ballot.
/// Read from the stored results only, so nothing unpublished can leak here.
/// </summary>
public sealed class ResultsModel(ShequDbContext db) : PageModel
{
    public Region? Community { get; private set; }

    public List<(string Code, string Name)> Communities { get; private set; } = [];

    public List<(AssessmentPeriod Period, List<WorkerScore> Rows, HashSet<int> Corrected)> Periods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? community, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(community))
        {
            Communities = [.. (await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => r.Level == RegionLevel.Community).OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.Name }).ToListAsync(ct)).Select(r => (r.Code, r.Name))];
            return Page();
        }

        Community = await db.Regions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Code == community && r.Level == RegionLevel.Community, ct);
        if (Community is null)
        {
            return NotFound();
        }

        var district = community[..RegionCode.DistrictLength];
        var periods = await db.AssessmentPeriods.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.DistrictCode == district && p.Status >= PeriodStatus.Publicized && p.Results != null)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter ?? 5).Take(8).ToListAsync(ct);
        var serving = (await db.Workers.IgnoreQueryFilters().AsNoTracking().Where(w => w.Assignments.Any(a => a.RegionCode.StartsWith(community)))
            .Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        var ids = periods.Select(p => p.Id).ToList();
        var corrected = (await db.ResultCorrections.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.PeriodId)).Select(c => new { c.PeriodId, c.WorkerId }).ToListAsync(ct))
            .ToLookup(c => c.PeriodId, c => c.WorkerId);
        Periods = [.. periods.Select(p => (p, ScoreBoard.ReadSnapshot(p.Results!).Where(r => serving.Contains(r.WorkerId))
            .OrderBy(r => r.RankInCommunity ?? int.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal).ToList(), corrected[p.Id].ToHashSet()))];
        return Page();
    }
}
