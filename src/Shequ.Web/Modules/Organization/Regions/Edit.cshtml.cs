using Shequ.Web.Modules.Access;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Regions;

[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class EditModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public Region Region { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null)
        {
            return NotFound();
        }

        Region = region;
        Input = new EditInput { Name = region.Name, UrbanRural = region.UrbanRural, Version = region.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null)
        {
            return NotFound();
        }

        Region = region;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            // The version the editor saw is the one the update must still match (item E21).
            db.Entry(region).Property(r => r.Version).OriginalValue = Input.Version;
            region.Update(Input.Name, region.Level == RegionLevel.Community ? Input.UrbanRural : null);
            await db.SaveChangesAsync(ct);
            return Redirect("/Organization/Regions/Details/" + region.Code);
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

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(RegionNameMustBeGivenRule.MaxLength, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Field.UrbanRural")]
        public UrbanRuralClass? UrbanRural { get; set; }

        public int Version { get; set; }
    }
}
