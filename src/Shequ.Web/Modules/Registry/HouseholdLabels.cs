using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Registry.Residents;

namespace Shequ.Web.Modules.Registry;

/// <summary>
/// How staff recognise a household in lists, pick lists and exports: the householder's name and the address (room
/// masked), never the internal number. Reads only households in the caller's scope.
/// </summary>
public static class HouseholdLabels
{
    public sealed record Label(int Id, string RegionCode, string Householder, string Address)
    {
        public override string ToString() => Householder.Length == 0 ? Address : $"{Householder} · {Address}";
    }

    public static async Task<Dictionary<int, Label>> ForAsync(ShequDbContext db, IPersonalDataSealer sealer, IEnumerable<int> householdIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = householdIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        return await LabelAsync(db, sealer, households, ct);
    }

    public static async Task<Dictionary<int, Label>> LabelAsync(ShequDbContext db, IPersonalDataSealer sealer, IReadOnlyCollection<Household> households, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(households);
        var ids = households.Select(h => h.Id).ToList();
        // The head if living, otherwise the first living member in order of relation (a spouse before a child).
        var heads = (await db.Residents.AsNoTracking()
                .Where(r => ids.Contains(r.HouseholdId) && r.Status == ResidentStatus.Living)
                .OrderBy(r => r.Relation).ThenBy(r => r.Id)
                .Select(r => new { r.HouseholdId, r.Name })
                .ToListAsync(ct))
            .GroupBy(r => r.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        return households.ToDictionary(h => h.Id, h => new Label(h.Id, h.RegionCode, heads.GetValueOrDefault(h.Id) ?? string.Empty, HouseholdDisplay.Address(h, sealer, reveal: false)));
    }
}
