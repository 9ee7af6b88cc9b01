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

/// <summary>Moves a region under another parent with its new code; descendants are re-coded in the same transaction.</summary>
[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class MoveModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public MoveInput Input { get; set; } = new();

    public Region Region { get; private set; } = null!;

    public int Descendants { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Input = new MoveInput { NewParentCode = RegionCode.ImpliedParentCode(code) ?? string.Empty, NewCode = code, Version = Region.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var newParent = await db.Regions.SingleOrDefaultAsync(r => r.Code == Input.NewParentCode.Trim(), ct);
        if (newParent is null)
        {
            ModelState.AddModelError("Input.NewParentCode", l["Region.ParentNotFound", Input.NewParentCode]);
            return Page();
        }

        var newCode = Input.NewCode.Trim();
        if (newCode != Region.Code && await db.Regions.IgnoreQueryFilters().AnyAsync(r => r.Code == newCode, ct))
        {
            ModelState.AddModelError("Input.NewCode", l["Region.CodeTaken", newCode]);
            return Page();
        }

        try
        {
            db.Entry(Region).Property(r => r.Version).OriginalValue = Input.Version;
            var prefix = Region.SubtreePrefix;
            var descendants = await db.Regions.Where(r => r.Code.StartsWith(prefix) && r.Id != Region.Id).ToListAsync(ct);
            Region.MoveTo(newParent, newCode, descendants);
            await db.SaveChangesAsync(ct);
            return Redirect("/Organization/Regions/Details/" + Region.Code);
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

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || region.Level == RegionLevel.District)
        {
            return false;
        }

        Region = region;
        var prefix = region.SubtreePrefix;
        Descendants = await db.Regions.CountAsync(r => r.Code.StartsWith(prefix) && r.Id != region.Id, ct);
        return true;
    }

    public sealed class MoveInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.NewParentCode")]
        public string NewParentCode { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.NewCode")]
        public string NewCode { get; set; } = string.Empty;

        public int Version { get; set; }
    }
}
