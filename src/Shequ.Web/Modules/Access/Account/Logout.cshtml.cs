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
        await signIn.SignOutAsync();
        return RedirectToPage("/Access/Account/Login");
    }
}
