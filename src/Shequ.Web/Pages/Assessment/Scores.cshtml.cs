using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Assessment;
using Shequ.Web.Assessment;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Pages.Assessment;

/// <summary>A period's score board: evaluation summary, indicators, weighted total and ranks, exportable.</summary>
public sealed class ScoresModel(ScoreBoard board, ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public AssessmentPeriod Period { get; private set; } = null!;

    public List<WorkerScore> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await board.ComputeAsync(id, ct) is not { } result)
        {
            return NotFound();
        }

        (Period, Rows) = (result.Period, [.. result.Rows.OrderByDescending(r => r.Card.Total ?? -1).ThenBy(r => r.Name, StringComparer.Ordinal)]);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (await board.ComputeAsync(id, ct) is not { } result)
        {
            return NotFound();
        }

        db.Audit(AuditActions.Export, "Scores", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{result.Rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return Excel.Download(
            result.Rows.Select(r =>
            {
                var row = new Dictionary<string, object?>
                {
                    [l["Field.PersonName"]] = r.Name,
                    [l["Field.Region"]] = r.Community,
                    ["优"] = r.Evaluations.Excellent, ["良"] = r.Evaluations.Good, ["中"] = r.Evaluations.Fair, ["差"] = r.Evaluations.Poor,
                    [l["Assessment.Valid"]] = r.Evaluations.Valid,
                    [l["Assessment.Invalid"]] = r.Evaluations.Invalid,
                    [l["Assessment.ResponseRate"]] = Math.Round(r.Evaluations.ResponseRate, 3),
                };
                foreach (var (indicator, value) in r.Card.Indicators)
                {
                    row[l["Indicator." + indicator]] = value;
                }

                row[l["Assessment.Total"]] = r.Card.Total;
                row[l["Assessment.RankCommunity"]] = r.RankInCommunity;
                row[l["Assessment.RankStreet"]] = r.RankInStreet;
                return (IReadOnlyDictionary<string, object?>)row;
            }),
            $"scores-{result.Period.Year}-{result.Period.Quarter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "year"}.xlsx");
    }
}
