using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Registry.Residents;

namespace Shequ.Web.Modules.Workforce;

/// <summary>
/// A worker's week at a glance and quick entry of the day's work (E7-5). A worker sees their own log; an
/// administrator may open any worker's log in scope with ?worker=ID but only the worker writes it.
/// </summary>
[RequestSizeLimit(6 * 1024 * 1024)]
public sealed class WorkLogModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EntryInput Entry { get; set; } = new();

    public Worker? Worker { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public DateOnly WeekStart { get; private set; }

    public List<WorkLogEntry> Entries { get; private set; } = [];

    public List<(int Id, string Label)> Households { get; private set; } = [];

    public bool CanWrite => Worker is not null && Worker.StaffUserId == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public async Task<IActionResult> OnGetAsync(int? worker, DateOnly? week, CancellationToken ct) =>
        await LoadAsync(worker, week, ct) ? Page() : NotFound();

    public List<Shequ.Data.Files.StoredFile> Files { get; private set; } = [];

    /// <summary>An attachment is served only while its log entry is visible to the caller.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid file, CancellationToken ct)
    {
        var stored = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == file && f.OwnerType == nameof(WorkLogEntry), ct);
        if (stored is null || !await db.WorkLog.AnyAsync(e => e.Id == stored.OwnerId, ct))
        {
            return NotFound();
        }

        return File(stored.Content, stored.ContentType, stored.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int? worker, IFormFile? attachment, CancellationToken ct)
    {
        if (!await LoadAsync(worker, Entry.Date, ct))
        {
            return NotFound();
        }

        if (!CanWrite)
        {
            return Forbid();
        }

        // Only households the worker may see can be named as visited.
        var visible = await db.Households.Where(h => Entry.Households.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct);
        Shequ.Data.Files.StoredFile? stored = null;
        if (attachment is { Length: > 0 })
        {
            (stored, var refusal) = await Attachments.ReadAsync(attachment, nameof(WorkLogEntry), User.Identity?.Name, ct);
            if (refusal is not null)
            {
                ModelState.AddModelError(string.Empty, refusal);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        try
        {
            var entry = WorkLogEntry.Record(Worker!, Entry.Date, Today, Entry.Category, Entry.Minutes, Entry.Summary ?? string.Empty, visible);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.WorkLog.Add(entry);
            await db.SaveChangesAsync(ct);
            if (stored is not null)
            {
                stored.OwnerId = entry.Id;
                db.StoredFiles.Add(stored);
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            return RedirectToPage(new { worker = Worker!.Id, week = Entry.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int? workerId, DateOnly? week, CancellationToken ct)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        Worker = workerId is { } id
            ? await db.Workers.Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct)
            : await db.Workers.Include(w => w.Assignments).SingleOrDefaultAsync(w => w.StaffUserId == userId, ct);
        if (workerId is not null && Worker is null)
        {
            return false;
        }

        var day = week ?? Today;
        WeekStart = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        if (Worker is null)
        {
            return true;
        }

        var end = WeekStart.AddDays(7);
        Entries = await db.WorkLog.AsNoTracking().Where(e => e.WorkerId == Worker.Id && e.Date >= WeekStart && e.Date < end).OrderBy(e => e.Id).ToListAsync(ct);
        var entryIds = Entries.Select(e => e.Id).ToList();
        Files = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerType == nameof(WorkLogEntry) && entryIds.Contains(f.OwnerId))
            .Select(f => new Shequ.Data.Files.StoredFile { Id = f.Id, OwnerType = f.OwnerType, OwnerId = f.OwnerId, FileName = f.FileName, ContentType = f.ContentType, Sha256 = f.Sha256, Length = f.Length, Content = Array.Empty<byte>() })
            .ToListAsync(ct);
        Households = await Shequ.Web.Modules.Services.WorkerHouseholds.ListAsync(db, sealer, Worker, ct);
        return true;
    }

    public sealed class EntryInput
    {
        public DateOnly Date { get; set; }

        public WorkCategory Category { get; set; } = WorkCategory.HomeVisit;

        public int Minutes { get; set; }

        public string? Summary { get; set; }

        public List<int> Households { get; set; } = [];
    }
}
