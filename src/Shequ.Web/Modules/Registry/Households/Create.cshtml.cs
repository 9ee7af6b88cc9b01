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

using Shequ.Web.Modules.Organization;
using Shequ.Web.Modules.Registry;

namespace Shequ.Web.Modules.Registry.Households;

/// <summary>Registers a household with its head in one transaction; a person already registered is refused by the blind index.</summary>
[Authorize(Policy = Policies.RegistryEdit)]
public sealed class CreateModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, DuplicateIdentities duplicates, RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    [BindProperty]
    public PersonInput Head { get; set; } = new();

    public void OnGet(string? region) => Input.RegionCode = region ?? string.Empty;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var (id, mobile) = Head.Parse(ModelState, nameof(Head), today);
        var code = await regions.ReadRegionAsync(ModelState, "Input.RegionCode", Input.RegionCode, User, l, "Community,Grid", ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null)
        {
            ModelState.AddModelError("Input.RegionCode", l["Region.ParentNotFound", Input.RegionCode]);
            return Page();
        }

        if (await duplicates.CheckAsync(db, sealer, id, User.Identity?.Name, ct) is not DuplicateIdentity.None and var duplicate)
        {
            ModelState.AddModelError("Head.IdNumber", l[DuplicateIdentities.MessageKeyFor(duplicate)]);
            Response.StatusCode = DuplicateIdentities.StatusFor(duplicate);
            return Page();
        }

        try
        {
            var household = Household.Register(region, new HouseholdAddress(Input.Building, Input.Unit, Input.Room, Input.VillageGroup), Input.Dwelling, sealer);
            db.Households.Add(household);
            db.Residents.Add(Resident.Register(household, Head.Name, id, mobile, RelationToHead.Head, sealer));
            await db.SaveChangesAsync(ct);
            return Redirect("/Registry/Households/Details/" + household.Id);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    public sealed class HouseholdInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Region")]
        public string RegionCode { get; set; } = string.Empty;

        [StringLength(50, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Building")]
        public string? Building { get; set; }

        [StringLength(50, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Unit")]
        public string? Unit { get; set; }

        [StringLength(50, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Room")]
        public string? Room { get; set; }

        [StringLength(50, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.VillageGroup")]
        public string? VillageGroup { get; set; }

        [Display(Name = "Field.Dwelling")]
        public DwellingType Dwelling { get; set; } = DwellingType.Apartment;
    }
}
