using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Access.Account;

public sealed class LoginModel(
    SignInManager<StaffUser> signIn,
    ShequDbContext db,
    TimeProvider time,
    UnknownAccounts unknownAccounts,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim());
        var result = user is null
            ? unknownAccounts.Refuse(signIn.UserManager.PasswordHasher, Input.UserName, Input.Password)
            : await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // A fresh cookie at every sign-in (item A4), stamped with the time for the absolute limit.
            await signIn.SignInAsync(user!, SessionLimits.NewSessionProperties(time));
            db.Audit(AuditActions.SignIn, nameof(StaffUser), user!.UserName, remoteIp: ip);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        db.Audit(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, nameof(StaffUser), Input.UserName.Trim(), remoteIp: ip);
        await db.SaveChangesAsync();
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? l["SignIn.LockedOut"] : l["SignIn.Failed"]);
        Response.StatusCode = result.IsLockedOut ? StatusCodes.Status423Locked : StatusCodes.Status401Unauthorized;
        return Page();
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(256)]
        [Display(Name = "Field.UserName")]
        public string UserName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(CommonPasswordValidator.MaxLength)]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
