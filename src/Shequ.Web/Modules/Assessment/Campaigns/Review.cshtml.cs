using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Opinion;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>
/// Review before scores count: check the reasons given for 优 and 差 (E2-5), decide on every screening flag
/// (E2-7), and pass the reasons of invalid evaluations on to public-opinion research as suggestions.
/// </summary>
public sealed class ReviewModel(ShequDbContext db, OpinionDesk opinion, ReviewDesk review, Shequ.Domain.Common.IPersonalDataSealer sealer) : PageModel
{
    public EvaluationCampaign Campaign { get; private set; } = null!;

    public List<Evaluation> ToCheck { get; private set; } = [];

    public List<(ScreeningFlag Flag, List<Evaluation> Ballot)> Flags { get; private set; } = [];

    public List<Evaluation> Invalid { get; private set; } = [];

    /// <summary>Ballots received and still sealed because the campaign runs (ADR-011).</summary>
    public int Sealed { get; private set; }

    public Dictionary<int, string> Workers { get; private set; } = [];

    public Dictionary<int, string> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => !User.CanEditOrganization() ? Forbid() : await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReasonAsync(int id, Guid evaluation, bool isTrue, CancellationToken ct) =>
        await ChangeAsync(id, () => review.CheckReasonAsync(id, evaluation, isTrue, ct), ct);

    public async Task<IActionResult> OnPostFlagAsync(int id, Guid ballot, bool exclude, string? kind, CancellationToken ct) =>
        await ChangeAsync(id, () => review.ScreenAsync(id, ballot, exclude, kind, User.Identity!.Name!, ct), ct);

    /// <summary>E2-5: invalid evaluations are material for public-opinion research; their reason becomes a suggestion.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(int id, Guid evaluation, CancellationToken ct)
    {
        if (!User.CanEditOrganization() || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var e = Invalid.SingleOrDefault(x => x.Id == evaluation);
        var worker = e is null ? null : await db.Workers.AsNoTracking().Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == e.WorkerId, ct);
        var community = worker?.Assignments.Select(a => a.RegionCode[..12]).FirstOrDefault();
        if (e?.Reason is null || community is null)
        {
            return NotFound();
        }

        await opinion.SubmitAsync(new SuggestionInput(community, e.Reason, null, null, false), SuggestionSource.Evaluation, User.Identity!.Name!, anyCommunity: true, ct);
        TempData["Suggested"] = true;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<(ReviewOutcome Outcome, int Changed)>> change, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        switch ((await change()).Outcome)
        {
            case ReviewOutcome.Done:
                return RedirectToPage(new { id });
            case ReviewOutcome.Frozen:
                ModelState.AddModelError(string.Empty, ReviewDesk.FrozenReviewIsOver);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync(id, ct);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Campaign = found;
        Sealed = await db.PendingBallots.CountAsync(p => p.CampaignId == id, ct);
        var all = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == id).ToListAsync(ct);

        // Ballots are revealed only here, in memory, for screening; once forgotten (results frozen) there is nothing to flag.
        var revealed = all.Where(e => e.RevealBallot(sealer)).ToList();
        ToCheck = [.. all.Where(e => e.AwaitingReasonCheck).Take(200)];
        var undecided = revealed.Where(e => e.ScreeningNote is null).ToList();
        Flags = [.. Screening.Flag(undecided).Take(100).Select(f => (f, undecided.Where(e => e.BallotId == f.BallotId).ToList()))];
        Invalid = [.. all.Where(e => !e.Counts).Take(200)];
        var workerIds = all.Select(e => e.WorkerId).Distinct().ToList();
        var itemIds = all.Select(e => e.ServiceItemId).Distinct().ToList();
        Workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        Items = await db.ServiceItems.IgnoreQueryFilters().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        return true;
    }
}
