using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Workforce.Workers;

/// <summary>A worker's profile with the communities served, yearly pay, declared kin and recent work.</summary>
public sealed class DetailsModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public Worker Worker { get; private set; } = null!;

    public List<(string Name, string Relation)> Kin { get; private set; } = [];

    public List<WorkLogEntry> RecentLog { get; private set; } = [];

    public string? AccountName { get; private set; }

    public (int Sessions, decimal Hours) TrainingRecord { get; private set; }

    /// <summary>The assessment pay adopted for each year (E2-8), as settled then.</summary>
    public List<(int Year, Shequ.Domain.Assessment.AdoptedPay Line, DateOnly AdoptedOn)> AdoptedPay { get; private set; } = [];

    public bool CanEdit => User.CanEditOrganization();

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(int id, string? codes, CancellationToken ct) => ChangeAsync(id, async () =>
    {
        var list = (codes ?? string.Empty).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var regions = await db.Regions.Where(r => list.Contains(r.Code)).ToListAsync(ct);
        var missing = list.Except(regions.Select(r => r.Code)).ToList();
        if (missing.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Region.ParentNotFound", string.Join(", ", missing)]);
            return false;
        }

        Worker.AssignTo(regions);
        return true;
    }, ct);

    public Task<IActionResult> OnPostPayAsync(int id, int year, decimal basePay, decimal seniority, decimal allowance, CancellationToken ct) => ChangeAsync(id, () =>
    {
        Worker.SetPay(year, basePay, seniority, allowance);
        return Task.FromResult(true);
    }, ct);

    public Task<IActionResult> OnPostKinAsync(int id, string? idNumber, string? relation, CancellationToken ct) => ChangeAsync(id, async () =>
    {
        if (!IdNumber.TryParse(idNumber, Today, out var parsed, out var problem))
        {
            ModelState.AddModelError(string.Empty, IdNumber.Describe(problem));
            return false;
        }

        // A lookup by identifier stays in the caller's scope (issue 15, A6/C13): an administrator of another street
        // must not learn who holds an ID number, nor whether one is registered. Kin living outside the caller's scope
        // are declared by someone whose scope holds both (the district); the answer is the same as for an unknown ID.
        var index = sealer.BlindIndex(Resident.IdPurpose, parsed.Value);
        var residentId = await db.Residents.Where(r => r.IdIndex == index).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
        if (residentId is null)
        {
            ModelState.AddModelError(string.Empty, l["Worker.KinNotRegistered"]);
            return false;
        }

        Worker.DeclareKin(residentId.Value, relation ?? string.Empty);
        return true;
    }, ct);

    public Task<IActionResult> OnPostLinkAccountAsync(int id, string? userName, CancellationToken ct) => ChangeAsync(id, async () =>
    {
        var account = await Access.Accounts.AccountQueries.InScope(db, User).SingleOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null)
        {
            ModelState.AddModelError(string.Empty, l["Worker.AccountNotFound", userName ?? string.Empty]);
            return false;
        }

        if (await db.Workers.IgnoreQueryFilters().AnyAsync(w => w.StaffUserId == account.Id && w.Id != id, ct))
        {
            ModelState.AddModelError(string.Empty, l["Worker.AccountTaken", userName ?? string.Empty]);
            return false;
        }

        Worker.LinkAccount(account.Id);
        return true;
    }, ct);

    /// <summary>Records the worker's own household (a worker may live where they serve; sampling excludes it).</summary>
    public Task<IActionResult> OnPostHouseholdAsync(int id, int? householdId, CancellationToken ct) => ChangeAsync(id, async () =>
    {
        if (householdId is { } h && !await db.Households.AnyAsync(x => x.Id == h, ct))
        {
            ModelState.AddModelError(string.Empty, l["Resident.HouseholdNotFound", h]);
            return false;
        }

        Worker.LiveIn(householdId);
        return true;
    }, ct);

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<bool>> change, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            if (await change())
            {
                await db.SaveChangesAsync(ct);
                return RedirectToPage(new { id });
            }
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var worker = await db.Workers.Include(w => w.Assignments).Include(w => w.Pay).Include(w => w.Kin).SingleOrDefaultAsync(w => w.Id == id, ct);
        if (worker is null)
        {
            return false;
        }

        Worker = worker;
        AdoptedPay = [.. (await db.AdoptedPay.AsNoTracking().Where(x => x.WorkerId == id)
            .Join(db.PayAdoptions, x => x.AdoptionId, a => a.Id, (x, a) => new { a.Year, Line = x, a.AdoptedOn }).OrderByDescending(x => x.Year).ToListAsync(ct))
            .Select(x => (x.Year, x.Line, x.AdoptedOn))];
        // Declared kin may live outside the reader's scope: only administrators see who they are, and only kin in
        // their own scope by name (issue 15: a street's administrator learnt another street's resident's name here).
        if (CanEdit)
        {
            var kinIds = worker.Kin.Select(k => k.ResidentId).ToList();
            var names = await db.Residents.Where(r => kinIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
            Kin = [.. worker.Kin.Select(k => (names.GetValueOrDefault(k.ResidentId) ?? l["Worker.KinOutsideScope"].Value, k.Relation))];
        }
        // The worker's own record spans plans of any organiser, district ones included.
        var attended = await db.TrainingPlans.IgnoreQueryFilters().AsNoTracking()
            .SelectMany(p => p.Sessions, (p, s) => s)
            .Where(s => s.Attendance.Any(a => a.WorkerId == id))
            .Select(s => s.Hours).ToListAsync(ct);
        TrainingRecord = (attended.Count, attended.Sum());
        AccountName = worker.StaffUserId is null ? null : await db.Users.Where(u => u.Id == worker.StaffUserId).Select(u => u.UserName).SingleOrDefaultAsync(ct);
        RecentLog = await db.WorkLog.AsNoTracking().Where(e => e.WorkerId == id).OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(20).ToListAsync(ct);
        return true;
    }
}
