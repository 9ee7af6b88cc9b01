using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

using Shequ.Web.Modules.Registry;

namespace Shequ.Web.Modules.Registry.Households;

[Authorize(Policy = Policies.RegistryEdit)]
public sealed class AddMemberModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, DuplicateIdentities duplicates, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PersonInput Person { get; set; } = new() { Relation = RelationToHead.Child };

    public int HouseholdId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        HouseholdId = id;
        return await db.Households.AnyAsync(h => h.Id == id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        HouseholdId = id;
        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return NotFound();
        }

        var (idNumber, mobile) = Person.Parse(ModelState, nameof(Person), DateOnly.FromDateTime(time.GetLocalNow().Date));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await duplicates.CheckAsync(db, sealer, idNumber, User.Identity?.Name, ct) is not DuplicateIdentity.None and var duplicate)
        {
            ModelState.AddModelError("Person.IdNumber", l[DuplicateIdentities.MessageKeyFor(duplicate)]);
            Response.StatusCode = DuplicateIdentities.StatusFor(duplicate);
            return Page();
        }

        try
        {
            db.Residents.Add(Resident.Register(household, Person.Name, idNumber, mobile, Person.Relation, sealer));
            await db.SaveChangesAsync(ct);
            return Redirect("/Registry/Households/Details/" + id);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }
}
