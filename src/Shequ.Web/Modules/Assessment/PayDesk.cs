using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// Assessment pay from a period's results (E2-8): the inputs for the calculator, and the adoption of one setting for
/// a district's year on frozen results, stored with every worker's resulting pay (for finance and the worker's page).
/// </summary>
public sealed class PayDesk(ShequDbContext db, ScoreBoard board, TimeProvider time)
{
    /// <summary>Each worker's fixed pay for the year: monthly base, seniority and position allowance × 12.</summary>
    public async Task<Dictionary<int, decimal>> FixedPayAsync(int year, CancellationToken ct) =>
        await db.Workers.IgnoreQueryFilters().AsNoTracking()
            .Select(w => new { w.Id, Pay = w.Pay.Where(p => p.Year == year).Select(p => p.Base + p.Seniority + p.PositionAllowance).FirstOrDefault() })
            .ToDictionaryAsync(w => w.Id, w => w.Pay * 12, ct);

    /// <summary>Income is fixed pay plus assessment pay, so fixed pay is (1 − share) of it.</summary>
    public static List<PayInput> Inputs(IEnumerable<WorkerScore> rows, IReadOnlyDictionary<int, decimal> fixedPay, PaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. rows.Select(r => new PayInput(r.WorkerId, r.Card.Total, fixedPay[r.WorkerId] / (1 - settings.AssessmentShare)))];
    }

    public Task<PayAdoption?> AdoptedForAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        return db.PayAdoptions.AsNoTracking().Include(a => a.Lines).SingleOrDefaultAsync(a => a.DistrictCode == period.DistrictCode && a.Year == period.Year, ct);
    }

    /// <summary>Adopts <paramref name="settings"/> for the period's year on its frozen results, for the whole district.</summary>
    public async Task<PayAdoption> AdoptAsync(AssessmentPeriod period, PaySettings settings, string note, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (await db.PayAdoptions.IgnoreQueryFilters().AnyAsync(a => a.DistrictCode == period.DistrictCode && a.Year == period.Year, ct))
        {
            throw new BusinessRuleViolationException(new OnePayAdoptionPerYearRule(period.Year));
        }

        // The whole district's frozen results, not only the lines the caller sees: the pool is the district's.
        var rows = period.Results is { } stored ? ScoreBoard.ReadSnapshot(stored) : await board.ComputeAsync(period, ct);
        var fixedPay = await FixedPayAsync(period.Year, ct);
        var paid = rows.Where(r => fixedPay.GetValueOrDefault(r.WorkerId) > 0).ToList();
        var adoption = PayAdoption.Adopt(period, settings, Inputs(paid, fixedPay, settings), fixedPay, note, by, DateOnly.FromDateTime(time.GetLocalNow().Date));
        db.PayAdoptions.Add(adoption);
        db.Audit("adopt", nameof(PayAdoption), $"{period.DistrictCode}/{period.Year}",
            $"period {period.Id}: share {settings.AssessmentShare:P0}, {settings.Rule} {settings.Spread:P0}, unscored {settings.Unscored}, {adoption.Lines.Count} workers: {note.Trim()}");
        await db.SaveChangesAsync(ct);
        return adoption;
    }
}
