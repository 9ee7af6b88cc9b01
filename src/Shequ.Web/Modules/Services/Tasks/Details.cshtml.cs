using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Files;
using Shequ.Domain.Common;
using Shequ.Domain.Services;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Tasks;

/// <summary>
/// One task: for each assignee what is overdue and what comes next; reporting an occurrence done; and for
/// surge work the assessment (score or grade, findings, evidence) that the annual score later uses (E2-2).
/// </summary>
[RequestSizeLimit(6 * 1024 * 1024)]
public sealed class DetailsModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string EvidenceOwner = nameof(TaskCompletion);

    public WorkTask Work { get; private set; } = null!;

    public Dictionary<int, string> AssigneeNames { get; private set; } = [];

    public HashSet<int> MyAssignees { get; private set; } = [];

    public List<StoredFile> Evidence { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public bool CanAssess => User.CanEditOrganization();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetEvidenceAsync(int id, Guid file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var completionIds = Work.Completions.Select(c => c.Id).ToList();
        var stored = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == file && f.OwnerType == EvidenceOwner && completionIds.Contains(f.OwnerId), ct);
        return stored is null ? NotFound() : File(stored.Content, stored.ContentType, stored.FileName);
    }

    public async Task<IActionResult> OnPostCompleteAsync(int id, int assignee, DateOnly dueOn, string? report, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!MyAssignees.Contains(assignee))
        {
            return Forbid();
        }

        return await SaveAsync(id, () => Work.Complete(assignee, dueOn, Today, report ?? string.Empty, User.Identity!.Name!), ct);
    }

    public async Task<IActionResult> OnPostAssessAsync(int id, int completion, int? score, Grade? grade, string? findings, IFormFile? evidence, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAssess)
        {
            return Forbid();
        }

        StoredFile? stored = null;
        if (evidence is { Length: > 0 })
        {
            (stored, var refusal) = await Attachments.ReadAsync(evidence, EvidenceOwner, User.Identity?.Name, ct);
            if (refusal is not null)
            {
                ModelState.AddModelError(string.Empty, refusal);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            stored!.OwnerId = completion;
            db.StoredFiles.Add(stored);
        }

        return await SaveAsync(id, () => Work.Assess(completion, score, grade, findings ?? string.Empty, User.Identity!.Name!, Today), ct);
    }

    private async Task<IActionResult> SaveAsync(int id, Action change, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(id, ct);
            return Page();
        }
        catch (DbUpdateException)
        {
            // Two people reported the same occurrence at once; the unique index kept one.
            return this.ConflictPage(l);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.WorkTasks.Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Work = found;
        AssigneeNames = await TaskBoard.AssigneeNamesAsync(db, [Work], ct);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var ownWorker = await db.Workers.Where(w => w.StaffUserId == userId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        var region = User.RegionCodeOf() ?? string.Empty;
        var admin = User.CanEditOrganization();

        // A worker reports their own share; community staff report their community's; administrators any in scope.
        MyAssignees = [.. Work.Assignees.Where(a => User.CanEditRegistry() && (admin || TaskBoard.IsOwnShare(a, ownWorker, region))).Select(a => a.Id)];
        var completionIds = Work.Completions.Select(c => c.Id).ToList();
        Evidence = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerType == EvidenceOwner && completionIds.Contains(f.OwnerId))
            .Select(f => new StoredFile { Id = f.Id, OwnerType = f.OwnerType, OwnerId = f.OwnerId, FileName = f.FileName, ContentType = f.ContentType, Sha256 = f.Sha256, Length = f.Length, Content = Array.Empty<byte>() })
            .ToListAsync(ct);
        return true;
    }
}
