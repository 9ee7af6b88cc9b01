using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;

namespace Shequ.Web.Modules.Access.Account;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, ShequDbContext db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        db.Audit(AuditActions.SignOut, nameof(StaffUser), User.Identity?.Name);
        await db.SaveChangesAsync();

        // Signing out ends every copy of this session on the server, on every instance, at the next stamp check (at
        // most a minute): a saved cookie replayed afterwards is refused (issue 15). Other sessions of the account end too.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Access/Account/Login");
    }
}
