using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Registry;

/// <summary>A resident as a list shows it: identifiers masked, nothing revealed.</summary>
public sealed record ResidentRow(int Id, int HouseholdId, string Name, Sex Sex, int Age, string MaskedId, string? MaskedPhone, string RegionCode, CareLevel CareLevel, IReadOnlyList<SpecialGroup> Groups, ResidentStatus Status);

/// <summary>
/// One search for pages, exports and the API: an 18-character ID or an 11-digit mobile is an exact lookup
/// through its blind index; anything else is a name prefix. Scope comes from the query filter.
/// </summary>
public sealed class ResidentSearch
{
    public string? Q { get; set; }

    public SpecialGroup? Group { get; set; }

    public bool KeyOnly { get; set; }

    public string? Under { get; set; }

    /// <summary>An exact address (building, unit, room or village group), matched through the household address index.</summary>
    public HouseholdAddress? Address { get; set; }

    /// <summary>An exact lookup already turned into its blind index ("id:…" or "phone:…"), so no identifier travels in a URL.</summary>
    public string? Index { get; set; }

    /// <summary>If <see cref="Q"/> is an ID number or a mobile, the blind-index form of that lookup; otherwise null.</summary>
    public static string? ToIndex(string? q, IPersonalDataSealer sealer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        if (IdNumber.TryParse(q, today, out var id, out _))
        {
            return "id:" + sealer.BlindIndex(Resident.IdPurpose, id.Value);
        }

        return MobileNumber.TryParse(q, out var phone) ? "phone:" + sealer.BlindIndex(Resident.PhonePurpose, phone.Value) : null;
    }

    public IQueryable<Resident> Apply(ShequDbContext db, IPersonalDataSealer sealer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealer);
        var query = db.Residents.AsNoTracking();
        var index = Index ?? ToIndex(Q, sealer, today);
        var q = Q?.Trim();
        if (index is not null)
        {
            var value = index[(index.IndexOf(':', StringComparison.Ordinal) + 1)..];
            query = index.StartsWith("id:", StringComparison.Ordinal)
                ? query.Where(r => r.IdIndex == value)
                : query.Where(r => r.PhoneIndex == value);
        }
        else if (!string.IsNullOrEmpty(q))
        {
            // SQLite cannot use the name index for LIKE with a parameter, so the prefix becomes a range there;
            // PostgreSQL keeps StartsWith, since a range end past the prefix is collation-dependent.
            var name = PersonName.Normalize(q, out _) ?? q;
            var upper = name + '\uffff';
            query = db.Database.IsSqlite()
                ? query.Where(r => r.Name.CompareTo(name) >= 0 && r.Name.CompareTo(upper) < 0)
                : query.Where(r => r.Name.StartsWith(name));
            return Filters(query, sealer, today).OrderBy(r => r.Name).ThenBy(r => r.Id);
        }

        return Filters(query, sealer, today)
            .OrderBy(r => r.RegionCode).ThenBy(r => r.HouseholdId).ThenBy(r => r.Relation).ThenBy(r => r.Id);
    }

    private IQueryable<Resident> Filters(IQueryable<Resident> query, IPersonalDataSealer sealer, DateOnly today)
    {
        if (Address is { IsEmpty: false } address)
        {
            var addressIndex = sealer.BlindIndex(Household.AddressPurpose, address.Canonical);
            query = query.Where(r => r.Household!.AddressIndex == addressIndex);
        }

        if (Group is { } group)
        {
            // Age groups follow from the birth date; the others are dated memberships.
            query = group switch
            {
                SpecialGroup.Elderly60 => query.Where(r => r.BirthDate <= today.AddYears(-60)),
                SpecialGroup.Elderly80 => query.Where(r => r.BirthDate <= today.AddYears(-80)),
                SpecialGroup.Minor => query.Where(r => r.BirthDate > today.AddYears(-18)),
                _ => query.Where(r => r.Groups.Any(g => g.Group == group && g.Since <= today && (g.Until == null || g.Until >= today))),
            };
        }

        if (KeyOnly)
        {
            query = query.Where(r => r.CareLevel == CareLevel.Key);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(r => r.RegionCode.StartsWith(prefix));
        }

        return query;
    }

    public static ResidentRow ToRow(Resident r, IPersonalDataSealer sealer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(sealer);
        var maskedId = IdNumber.Mask(sealer.Open(Resident.IdPurpose, r.IdCipher));
        string? maskedPhone = null;
        if (r.PhoneCipher is not null && MobileNumber.TryParse(sealer.Open(Resident.PhonePurpose, r.PhoneCipher), out var phone))
        {
            maskedPhone = phone.Masked;
        }

        return new ResidentRow(r.Id, r.HouseholdId, r.Name, r.Sex, r.AgeOn(today), maskedId, maskedPhone, r.RegionCode, r.CareLevel, [.. r.GroupsOn(today).Order()], r.Status);
    }
}

