using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Web.Seeding;
using Shequ.Web.Modules.Organization;

namespace Shequ.Web.Modules.Access.Accounts;

/// <summary>
/// An administrator creates a staff account inside their scope with a role they may grant. The initial
/// password is generated and shown once, as the CLI does; nobody types or mails one.
/// </summary>
[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class CreateModel(ShequDbContext db, UserManager<StaffUser> users, IServiceProvider services, RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AccountInput Input { get; set; } = new();

    public string? CreatedPassword { get; private set; }

    /// <summary>A handling unit's accounts are made on the unit's page, where the unit is known.</summary>
    public IReadOnlyList<string> GrantableRoles => Roles.All.Where(r => r != Roles.UnitHandler && Roles.CanGrant(Roles.All.Where(User.IsInRole), r)).ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!GrantableRoles.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", l["Account.RoleNotGrantable"]);
        }

        var code = Input.Role == Roles.SystemAdmin ? null : await regions.ReadRegionAsync(ModelState, "Input.RegionCode", Input.RegionCode, User, l, ct: ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var region = Input.Role == Roles.SystemAdmin ? null : await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (Input.Role != Roles.SystemAdmin && region is null)
        {
            ModelState.AddModelError("Input.RegionCode", l["Region.ParentNotFound", Input.RegionCode]);
            return Page();
        }

        if (region is not null && !Roles.FitsRegionLevel(Input.Role, region.Level))
        {
            ModelState.AddModelError("Input.RegionCode", l["Account.RoleLevelMismatch", l["Role." + Input.Role], l["Level." + Shequ.Domain.Organization.LevelNames.Key(region.Level)]]);
            return Page();
        }

        await DemoDistrict.EnsureRolesAsync(services);
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var user = new StaffUser { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName?.Trim(), RegionId = region?.Id, CreatedAtUtc = DateTime.UtcNow };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Input.Role);
        }

        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError("Input.UserName", e.Description);
            }

            return Page();
        }

        await tx.CommitAsync(ct);
        CreatedPassword = password;
        return Page();
    }

    public sealed class AccountInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(64, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.UserName")]
        public string UserName { get; set; } = string.Empty;

        [StringLength(100, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.DisplayName")]
        public string? DisplayName { get; set; }

        [Display(Name = "Field.Role")]
        public string Role { get; set; } = Roles.CommunityStaff;

        [Display(Name = "Field.Region")]
        public string RegionCode { get; set; } = string.Empty;
    }
}
