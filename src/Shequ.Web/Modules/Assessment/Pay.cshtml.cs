using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// What-if for assessment pay (E2-8): the same period's scores under two settings side by side, per worker and in
/// total, with a chart, exportable for finance. Fixed pay is the worker's monthly components × 12; a worker
/// without a total score is placed at the group's mean, so they receive the average assessment pay.
/// </summary>
public sealed class PayModel(ScoreBoard board, ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public decimal ShareA { get; set; } = PaySettings.Current.AssessmentShare;

    [BindProperty(SupportsGet = true)]
    public SpreadRule RuleA { get; set; } = PaySettings.Current.Rule;

    [BindProperty(SupportsGet = true)]
    public decimal SpreadA { get; set; } = PaySettings.Current.Spread;

    [BindProperty(SupportsGet = true)]
    public decimal ShareB { get; set; } = PaySettings.EssayProposal.AssessmentShare;

    [BindProperty(SupportsGet = true)]
    public SpreadRule RuleB { get; set; } = PaySettings.EssayProposal.Rule;

    [BindProperty(SupportsGet = true)]
    public decimal SpreadB { get; set; } = PaySettings.EssayProposal.Spread;

    public AssessmentPeriod Period { get; private set; } = null!;

    public List<Line> Lines { get; private set; } = [];

    public (decimal Pool, decimal Gap) FrameA { get; private set; }

    public (decimal Pool, decimal Gap) FrameB { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public sealed record Line(string Name, string Community, decimal? Score, decimal FixedPay, decimal PayA, decimal PayB);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        if (!await ComputeAsync(id, ct))
        {
            return NotFound();
        }

        ChartJson = JsonSerializer.Serialize(new
        {
            names = Lines.Select(x => x.Name),
            a = Lines.Select(x => x.PayA),
            b = Lines.Select(x => x.PayB),
            labelA = l["Pay.SettingA"].Value,
            labelB = l["Pay.SettingB"].Value,
        });
        return Page();
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
        return Excel.Download(
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
            $"pay-what-if-{Period.Year}-{Period.Quarter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "year"}.xlsx");
    }

    private async Task<bool> ComputeAsync(int id, CancellationToken ct)
    {
        if (await board.ComputeAsync(id, ct) is not { } result)
        {
            return false;
        }

        Period = result.Period;
        var year = Period.Year;
        var pay = await db.Workers.AsNoTracking().Select(w => new { w.Id, Pay = w.Pay.Where(p => p.Year == year).Select(p => p.Base + p.Seniority + p.PositionAllowance).FirstOrDefault() }).ToDictionaryAsync(w => w.Id, w => w.Pay * 12, ct);
        var rows = result.Rows.Where(r => pay.GetValueOrDefault(r.WorkerId) > 0).ToList();
        var scored = rows.Where(r => r.Card.Total is not null).ToList();
        var mean = scored.Count == 0 ? 0 : scored.Average(r => r.Card.Total!.Value);
        try
        {
            var a = new PaySettings(ShareA, RuleA, SpreadA);
            var b = new PaySettings(ShareB, RuleB, SpreadB);
            List<PayInput> Inputs(PaySettings s) => [.. rows.Select(r => new PayInput(r.WorkerId, r.Card.Total ?? mean, pay[r.WorkerId] / (1 - s.AssessmentShare)))];
            var payA = PayCalculator.Settle(Inputs(a), a).ToDictionary(p => p.WorkerId);
            var payB = PayCalculator.Settle(Inputs(b), b).ToDictionary(p => p.WorkerId);
            var fa = PayCalculator.Frame(Inputs(a), a);
            var fb = PayCalculator.Frame(Inputs(b), b);
            (FrameA, FrameB) = ((fa.Pool, fa.Gap), (fb.Pool, fb.Gap));
            Lines = [.. rows.OrderByDescending(r => r.Card.Total ?? mean).Select(r => new Line(r.Name, r.Community, r.Card.Total, pay[r.WorkerId], payA[r.WorkerId].AssessmentPay, payB[r.WorkerId].AssessmentPay))];
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
        }

        return true;
    }
}
