using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

/// <summary>A period's score board: evaluation summary, indicators, weighted total and ranks, exportable.</summary>
public sealed class ScoresModel(ScoreBoard board, PeriodDesk periods, ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public AssessmentPeriod Period { get; private set; } = null!;

    public List<WorkerScore> Rows { get; private set; } = [];

    public List<ScoreAppeal> Appeals { get; private set; } = [];

    public ResultsSource Source { get; private set; }

    public List<ResultCorrection> Corrections { get; private set; } = [];

    public int? OwnWorkerId { get; private set; }

    public bool CanManage => Roles.PeriodManagers.Any(User.IsInRole);

    public DateOnly Today => periods.Today;

    public int MinimumValid { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => ManageAsync(id, p => periods.CloseAsync(p, ct), ct);

    public Task<IActionResult> OnPostPublicizeAsync(int id, int days, string? acceptUnchecked, CancellationToken ct) =>
        ManageAsync(id, p => periods.PublicizeAsync(p, days, acceptUnchecked, ct), ct);

    public Task<IActionResult> OnPostFreezeAsync(int id, CancellationToken ct) => ManageAsync(id, p => periods.FreezeAsync(p, ct), ct);

    /// <summary>Published results change only as a recorded correction: computed again, each moved line kept with the reason.</summary>
    public Task<IActionResult> OnPostCorrectAsync(int id, string? note, int? appeal, CancellationToken ct) =>
        ManageAsync(id, p => periods.CorrectAsync(p, note, appeal, User.Identity!.Name!, ct), ct);

    public Task<IActionResult> OnPostDecideAsync(int id, int appeal, bool upheld, string? note, CancellationToken ct) => ManageAsync(id, async _ =>
    {
        if (await periods.DecideAsync(id, appeal, upheld, note, User.Identity!.Name!, ct) is null)
        {
            throw new BusinessRuleViolationException(new AnAppealIsDecidedOnceWithAReasonRule(AppealDecision.Upheld, null));
        }
    }, ct);

    /// <summary>A worker objects to their own published result.</summary>
    public async Task<IActionResult> OnPostAppealAsync(int id, string? text, CancellationToken ct)
    {
        if (await FindPeriodAsync(id, ct) is not { } period)
        {
            return NotFound();
        }

        if (await OwnWorkerAsync(ct) is not { } worker)
        {
            return Forbid();
        }

        try
        {
            await periods.FileAppealAsync(period, worker, text, ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            return await RefuseAsync(id, ex, ct);
        }
    }

    private async Task<IActionResult> ManageAsync(int id, Func<AssessmentPeriod, Task> change, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        // An action needs the period only; the score board is computed when a page is shown.
        if (await FindPeriodAsync(id, ct) is not { } period)
        {
            return NotFound();
        }

        try
        {
            await change(period);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            return await RefuseAsync(id, ex, ct);
        }
    }

    private async Task<IActionResult> RefuseAsync(int id, BusinessRuleViolationException ex, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        ModelState.AddRule(l, ex);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(id, ct);
        return Page();
    }

    private Task<AssessmentPeriod?> FindPeriodAsync(int id, CancellationToken ct) => db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == id, ct);

    private Task<int?> OwnWorkerAsync(CancellationToken ct)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return db.Workers.Where(w => w.StaffUserId == userId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await board.ResultsAsync(id, ct) is not { } result)
        {
            return false;
        }

        Period = result.Period;
        Source = result.Source;
        MinimumValid = result.MinimumValid;
        Rows = [.. result.Rows.OrderByDescending(r => r.Card.Total ?? -1).ThenBy(r => r.Name, StringComparer.Ordinal)];
        Appeals = await db.ScoreAppeals.AsNoTracking().Where(a => a.PeriodId == id).OrderBy(a => a.Id).ToListAsync(ct);
        Corrections = await db.ResultCorrections.AsNoTracking().Where(c => c.PeriodId == id).OrderBy(c => c.Id).ToListAsync(ct);
        OwnWorkerId = await OwnWorkerAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (await board.ResultsAsync(id, ct) is not { } result)
        {
            return NotFound();
        }

        db.Audit(AuditActions.Export, "Scores", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{result.Rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            result.Rows.Select(r =>
            {
                var row = new Dictionary<string, object?>
                {
                    [l["Field.PersonName"]] = r.Name,
                    [l["Field.Region"]] = r.Community,
                    // Below the minimum only the number of valid evaluations leaves the page (item D19).
                    ["优"] = r.Evaluations.Withheld ? null : r.Evaluations.Excellent,
                    ["良"] = r.Evaluations.Withheld ? null : r.Evaluations.Good,
                    ["中"] = r.Evaluations.Withheld ? null : r.Evaluations.Fair,
                    ["差"] = r.Evaluations.Withheld ? null : r.Evaluations.Poor,
                    [l["Assessment.Valid"]] = r.Evaluations.Valid,
                    [l["Assessment.Invalid"]] = r.Evaluations.Withheld ? null : r.Evaluations.Invalid,
                    [l["Assessment.ResponseRate"]] = r.Evaluations.Withheld ? null : Math.Round(r.Evaluations.ResponseRate, 3),
                };
                foreach (var (q, total) in (r.Quarters ?? []).Select((t, i) => (i + 1, t)))
                {
                    row[l["Assessment.QuarterTotal", q]] = total;
                }

                foreach (var (indicator, value) in r.Card.Indicators)
                {
                    row[l["Indicator." + indicator]] = value;
                }

                row[l["Assessment.Total"]] = r.Card.Total;
                row[l["Assessment.RankCommunity"]] = r.RankInCommunity;
                row[l["Assessment.RankStreet"]] = r.RankInStreet;
                return (IReadOnlyDictionary<string, object?>)row;
            }),
            $"{result.Period.Label} {l["Export.Scores"]}", ct);
    }
}
