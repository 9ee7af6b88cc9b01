using Shequ.Web.Modules.Access;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Registry.Residents;

/// <summary>Edits a resident: name, mobile, relation, status (moving out, away, back), care level and special groups.</summary>
[Authorize(Policy = Policies.RegistryEdit)]
public sealed class EditModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ResidentInput Input { get; set; } = new();

    [BindProperty]
    public GroupInput Join { get; set; } = new();

    public Resident Resident { get; private set; } = null!;

    public string? MaskedPhone { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new ResidentInput
        {
            Name = Resident.Name,
            Relation = Resident.Relation,
            Status = Resident.Status,
            CareLevel = Resident.CareLevel,
            CareReason = Resident.CareReason,
            Version = Resident.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        MobileNumber? mobile = null;
        if (!string.IsNullOrWhiteSpace(Input.Mobile))
        {
            if (MobileNumber.TryParse(Input.Mobile, out var m))
            {
                mobile = m;
            }
            else
            {
                ModelState.AddModelError("Input.Mobile", MobileNumber.Problem);
            }
        }
        else if (Resident.PhoneCipher is not null && !Input.ClearMobile && MobileNumber.TryParse(sealer.Open(Resident.PhonePurpose, Resident.PhoneCipher), out var kept))
        {
            mobile = kept; // an empty box keeps the number on file
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        IdNumber.TryParse(sealer.Open(Resident.IdPurpose, Resident.IdCipher), Today, out var idNumber, out _);
        return await SaveAsync(() =>
        {
            db.Entry(Resident).Property(r => r.Version).OriginalValue = Input.Version;
            Resident.Update(Input.Name, idNumber, mobile, Input.Relation, sealer);
            Resident.ChangeStatus(Input.Status);
            Resident.SetCare(Input.CareLevel, Input.CareReason);
        }, ct);
    }

    public async Task<IActionResult> OnPostJoinGroupAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        IdNumber.TryParse(sealer.Open(Resident.IdPurpose, Resident.IdCipher), Today, out var holder, out _);
        DisabilityCertificate? certificate = null;
        if (!string.IsNullOrWhiteSpace(Join.Certificate))
        {
            if (!DisabilityCertificate.TryParse(Join.Certificate, Today, out var c))
            {
                ModelState.AddModelError("Join.Certificate", l["Resident.BadCertificate"]);
                return Page();
            }

            certificate = c;
        }

        return await SaveAsync(() => Resident.JoinGroup(Join.Group, Join.Since ?? Today, Today, Join.Evidence, certificate, holder, sealer), ct);
    }

    /// <summary>Moves the person into another household the caller can see (moving within or between communities).</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, int householdId, RelationToHead relation, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var target = await db.Households.SingleOrDefaultAsync(h => h.Id == householdId, ct);
        if (target is null)
        {
            ModelState.AddModelError(string.Empty, l["Resident.HouseholdNotFound", householdId]);
            return Page();
        }

        return await SaveAsync(() => Resident.MoveTo(target, relation), ct);
    }

    public async Task<IActionResult> OnPostLeaveGroupAsync(int id, SpecialGroup group, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return await SaveAsync(() => Resident.LeaveGroup(group, Today), ct);
    }

    private async Task<IActionResult> SaveAsync(Action change, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
            return Redirect("/Registry/Residents/Details/" + Resident.Id);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return this.ConflictPage(l);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var resident = await db.Residents.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (resident is null)
        {
            return false;
        }

        Resident = resident;
        MaskedPhone = ResidentSearch.ToRow(resident, sealer, Today).MaskedPhone;
        return true;
    }

    public sealed class ResidentInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.PersonName")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Field.Mobile")]
        public string? Mobile { get; set; }

        public bool ClearMobile { get; set; }

        [Display(Name = "Field.Relation")]
        public RelationToHead Relation { get; set; }

        [Display(Name = "Field.Status")]
        public ResidentStatus Status { get; set; }

        [Display(Name = "Field.CareLevel")]
        public CareLevel CareLevel { get; set; }

        [StringLength(200, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.CareReason")]
        public string? CareReason { get; set; }

        public int Version { get; set; }
    }

    public sealed class GroupInput
    {
        public SpecialGroup Group { get; set; }

        public DateOnly? Since { get; set; }

        [StringLength(200)]
        public string? Evidence { get; set; }

        public string? Certificate { get; set; }
    }
}
