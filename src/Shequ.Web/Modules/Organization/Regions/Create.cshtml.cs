using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Regions;

[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class CreateModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "parent")]
    public string? ParentCode { get; set; }

    [BindProperty]
    public RegionInput Input { get; set; } = new();

    public Region? Parent { get; private set; }

    public RegionLevel Level => Parent is null ? RegionLevel.District : Parent.Level + 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadParentAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadParentAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var region = Region.Create(Parent, Input.Code, Input.Name, Level == RegionLevel.Community ? Input.UrbanRural : null);
            if (await db.Regions.IgnoreQueryFilters().AnyAsync(r => r.Code == region.Code, ct))
            {
                ModelState.AddModelError("Input.Code", l["Region.CodeTaken", region.Code]);
                return Page();
            }

            db.Regions.Add(region);
            await db.SaveChangesAsync(ct);
            return Redirect("/Organization/Regions/Details/" + region.Code);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    /// <summary>Only a system administrator creates districts; anyone else needs a parent inside their scope.</summary>
    private async Task<bool> LoadParentAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ParentCode))
        {
            return User.IsSystemAdmin();
        }

        Parent = await db.Regions.SingleOrDefaultAsync(r => r.Code == ParentCode, ct);
        return Parent is not null && Parent.Level != RegionLevel.Grid;
    }

    public sealed class RegionInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(RegionCode.GridLength, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Code")]
        public string Code { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(RegionNameMustBeGivenRule.MaxLength, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Field.UrbanRural")]
        public UrbanRuralClass? UrbanRural { get; set; }
    }
}
