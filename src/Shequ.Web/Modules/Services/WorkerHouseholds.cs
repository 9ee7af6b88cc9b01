using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Registry;

namespace Shequ.Web.Modules.Services;

/// <summary>The households a worker serves, labelled for a pick list by householder and masked address.</summary>
public static class WorkerHouseholds
{
    public const int Limit = 300;

    public static async Task<List<(int Id, string Label)>> ListAsync(ShequDbContext db, IPersonalDataSealer sealer, Worker worker, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(worker);
        var prefixes = worker.Assignments.Select(a => a.RegionCode).ToList();
        if (prefixes.Count == 0)
        {
            return [];
        }

        var households = await db.Households.AsNoTracking()
            .Where(h => prefixes.Any(p => h.RegionCode.StartsWith(p)))
            .OrderBy(h => h.RegionCode).ThenBy(h => h.Id).Take(Limit).ToListAsync(ct);
        var labels = await HouseholdLabels.LabelAsync(db, sealer, households, ct);
        return [.. households.Select(h => (h.Id, labels[h.Id].ToString()))];
    }
}
