using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Registry.Residents;

/// <summary>One resident: identifiers masked; revealing them is a permission and is written to the audit log (C13).</summary>
public sealed class DetailsModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time) : PageModel
{
    public Resident Resident { get; private set; } = null!;

    public string IdNumber { get; private set; } = string.Empty;

    public string? Phone { get; private set; }

    public string Address { get; private set; } = string.Empty;

    public bool Revealed { get; private set; }

    public bool CanReveal => User.CanEditRegistry();

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public List<AuditEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, reveal: false, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, reveal: false, ct))
        {
            return NotFound();
        }

        if (!CanReveal)
        {
            return Forbid();
        }

        db.Audit(AuditActions.Reveal, nameof(Resident), id.ToString(System.Globalization.CultureInfo.InvariantCulture), "id, phone, address", HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(ct);
        await LoadAsync(id, reveal: true, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, bool reveal, CancellationToken ct)
    {
        var resident = await db.Residents.AsNoTracking().Include(r => r.Household).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (resident is null)
        {
            return false;
        }

        Resident = resident;
        Revealed = reveal;
        var row = ResidentSearch.ToRow(resident, sealer, Today);
        IdNumber = reveal ? sealer.Open(Shequ.Domain.Registry.Resident.IdPurpose, resident.IdCipher) : row.MaskedId;
        Phone = reveal && resident.PhoneCipher is not null ? sealer.Open(Shequ.Domain.Registry.Resident.PhonePurpose, resident.PhoneCipher) : row.MaskedPhone;
        Address = HouseholdDisplay.Address(resident.Household!, sealer, reveal);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Shequ.Domain.Registry.Resident) && a.EntityKey == key)
            .OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
        return true;
    }
}

public static class HouseholdDisplay
{
    /// <summary>The address with the room masked unless revealed: staff find the building, not the door.</summary>
    public static string Address(Household household, IPersonalDataSealer sealer, bool reveal)
    {
        var address = household.Address(sealer);
        return reveal ? address.ToString() : (address with { Room = address.Room is null ? null : "***" }).ToString();
    }
}
