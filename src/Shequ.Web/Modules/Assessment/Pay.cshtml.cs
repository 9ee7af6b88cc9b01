using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// What-if for assessment pay (E2-8): the same period's results under two settings side by side, per worker and in
/// total, with a chart, exportable; then one setting is adopted for the year on frozen results, stored with every
/// worker's pay, and exported for finance. Shares are typed as percentages, as on the scheme page. Fixed pay is the
/// worker's monthly components × 12.
/// </summary>
public sealed class PayModel(ScoreBoard board, PayDesk desk, ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public decimal ShareA { get; set; } = PaySettings.Current.AssessmentShare * 100;

    [BindProperty(SupportsGet = true)]
    public SpreadRule RuleA { get; set; } = PaySettings.Current.Rule;

    [BindProperty(SupportsGet = true)]
    public decimal SpreadA { get; set; } = PaySettings.Current.Spread * 100;

    [BindProperty(SupportsGet = true)]
    public UnscoredPay UnscoredA { get; set; } = PaySettings.Current.Unscored;

    [BindProperty(SupportsGet = true)]
    public decimal ShareB { get; set; } = PaySettings.EssayProposal.AssessmentShare * 100;

    [BindProperty(SupportsGet = true)]
    public SpreadRule RuleB { get; set; } = PaySettings.EssayProposal.Rule;

    [BindProperty(SupportsGet = true)]
    public decimal SpreadB { get; set; } = PaySettings.EssayProposal.Spread * 100;

    [BindProperty(SupportsGet = true)]
    public UnscoredPay UnscoredB { get; set; } = PaySettings.EssayProposal.Unscored;

    public AssessmentPeriod Period { get; private set; } = null!;

    public List<Line> Lines { get; private set; } = [];

    public (decimal Pool, decimal Gap) FrameA { get; private set; }

    public (decimal Pool, decimal Gap) FrameB { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    /// <summary>The setting adopted for this period's year, if one is.</summary>
    public PayAdoption? Adopted { get; private set; }

    public bool CanAdopt => Roles.PeriodManagers.Any(User.IsInRole) && Period.Status == PeriodStatus.Frozen && Adopted is null;

    public sealed record Line(int WorkerId, string Name, string Community, decimal? Score, decimal FixedPay, decimal? PayA, decimal? PayB);

    public PaySettings SettingA => PaySettings.FromPercentages(ShareA, RuleA, SpreadA, UnscoredA);

    public PaySettings SettingB => PaySettings.FromPercentages(ShareB, RuleB, SpreadB, UnscoredB);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        return await ComputeAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        if (!await ComputeAsync(id, ct))
        {
            return NotFound();
        }

        db.Audit(AuditActions.Export, "PayWhatIf", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Lines.Count} workers");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            Lines.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = x.Name,
                [l["Field.Region"]] = x.Community,
                [l["Assessment.Total"]] = x.Score,
                [l["Pay.FixedYear"]] = x.FixedPay,
                [l["Pay.SettingA"]] = x.PayA,
                [l["Pay.SettingB"]] = x.PayB,
                [l["Pay.Change"]] = x.PayB - x.PayA,
            }),
            $"{Period.Label} {l["Export.PayWhatIf"]}", ct);
    }

    /// <summary>Adopts setting A or B for the year on this frozen period's results (E2-8).</summary>
    public async Task<IActionResult> OnPostAdoptAsync(int id, string? which, string? note, CancellationToken ct)
    {
        if (!Roles.PeriodManagers.Any(User.IsInRole))
        {
            return Forbid();
        }

        if (await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } period)
        {
            return NotFound();
        }

        try
        {
            await desk.AdoptAsync(period, which == "B" ? SettingB : SettingA, note ?? string.Empty, User.Identity!.Name!, ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ComputeAsync(id, ct);
            return Page();
        }
    }

    /// <summary>The adopted pay of the year, for finance: fixed pay, assessment pay and income per worker.</summary>
    public async Task<IActionResult> OnGetAdoptedAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        if (await board.ResultsAsync(id, ct) is not { } results || await desk.AdoptedForAsync(results.Period, ct) is not { } adoption)
        {
            return NotFound();
        }

        var names = results.Rows.ToDictionary(r => r.WorkerId);
        var lines = adoption.Lines.Where(x => names.ContainsKey(x.WorkerId)).OrderBy(x => names[x.WorkerId].Community, StringComparer.Ordinal).ThenBy(x => names[x.WorkerId].Name, StringComparer.Ordinal).ToList();
        db.Audit(AuditActions.Export, "PayAdopted", adoption.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{lines.Count} workers");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            lines.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = names[x.WorkerId].Name,
                [l["Field.Region"]] = names[x.WorkerId].Community,
                [l["Assessment.Total"]] = x.Score,
                [l["Pay.FixedYear"]] = x.FixedPay,
                [l["Pay.AssessmentPay"]] = x.AssessmentPay,
                [l["Pay.Income"]] = x.AssessmentPay is { } p ? x.FixedPay + p : null,
                [l["Pay.Note"]] = x.AssessmentPay is null ? l["UnscoredPay.DecidedSeparately"].Value : null,
            }),
            $"{adoption.Year} {l["Export.PayAdopted"]}", ct);
    }

    private async Task<bool> ComputeAsync(int id, CancellationToken ct)
    {
        if (await board.ResultsAsync(id, ct) is not { } result)
        {
            return false;
        }

        Period = result.Period;
        Adopted = await desk.AdoptedForAsync(Period, ct);
        var fixedPay = await desk.FixedPayAsync(Period.Year, ct);
        var rows = result.Rows.Where(r => fixedPay.GetValueOrDefault(r.WorkerId) > 0).ToList();
        try
        {
            var a = SettingA;
            var b = SettingB;
            var payA = PayCalculator.Settle(PayDesk.Inputs(rows, fixedPay, a), a).ToDictionary(p => p.WorkerId);
            var payB = PayCalculator.Settle(PayDesk.Inputs(rows, fixedPay, b), b).ToDictionary(p => p.WorkerId);
            var fa = PayCalculator.Frame(PayDesk.Inputs(rows, fixedPay, a), a);
            var fb = PayCalculator.Frame(PayDesk.Inputs(rows, fixedPay, b), b);
            (FrameA, FrameB) = ((fa.Pool, fa.Gap), (fb.Pool, fb.Gap));
            Lines = [.. rows.OrderByDescending(r => r.Card.Total ?? -1).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new Line(r.WorkerId, r.Name, r.Community, r.Card.Total, fixedPay[r.WorkerId], payA[r.WorkerId].AssessmentPay, payB[r.WorkerId].AssessmentPay))];
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
        }

        ChartJson = JsonSerializer.Serialize(new
        {
            names = Lines.Select(x => x.Name),
            a = Lines.Select(x => x.PayA),
            b = Lines.Select(x => x.PayB),
            labelA = l["Pay.SettingA"].Value,
            labelB = l["Pay.SettingB"].Value,
        });
        return true;
    }
}
