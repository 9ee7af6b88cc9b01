using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Services;

namespace Shequ.Web.Modules.Services.Records;

/// <summary>Quick entry on a phone during a visit: the household, the item, how it went. Saved, the form is ready for the next one.</summary>
[Authorize(Policy = Policies.ServiceWork)]
public sealed class NewModel(ShequDbContext db, ServiceDesk desk, Shequ.Web.Modules.Opinion.OpinionDesk opinion, IPersonalDataSealer sealer) : PageModel
{
    [BindProperty]
    public RecordForm Input { get; set; } = new();

    public Worker? Worker { get; private set; }

    public List<(int Id, string Label)> Households { get; private set; } = [];

    public List<ServiceItem> Items { get; private set; } = [];

    public async Task OnGetAsync(int? household, CancellationToken ct)
    {
        Input.HouseholdId = household ?? 0;
        Input.OccurredAt = desk.NowLocal;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await desk.RecordAsync(
            new RecordInput(Input.ServiceItemId, null, Input.HouseholdId, null, Input.OccurredAt, Input.Mode, Input.Provider, Input.Outcome, Input.Minutes, Input.Note),
            User, null, save: true, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            Response.StatusCode = result.Status;
            await LoadAsync(ct);
            return Page();
        }

        // E3-4, E5-3: an opinion heard during the visit becomes a suggestion of the household's community.
        if (!string.IsNullOrWhiteSpace(Input.Opinion))
        {
            var community = result.Record!.RegionCode[..Math.Min(12, result.Record.RegionCode.Length)];
            await opinion.SubmitAsync(new Shequ.Web.Modules.Opinion.SuggestionInput(community, Input.Opinion, null, null, false), Shequ.Domain.Opinion.SuggestionSource.Visit, User.Identity!.Name!, anyCommunity: false, ct, serviceRecordId: result.Record.Id);
        }

        TempData["Recorded"] = true;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Worker = await desk.OwnWorkerAsync(User, ct);
        if (Worker is null)
        {
            return;
        }

        Households = await WorkerHouseholds.ListAsync(db, sealer, Worker, ct);
        var community = Worker.Assignments.Select(a => a.RegionCode).FirstOrDefault() ?? Worker.RegionCode;
        Items = await ServiceEndpoints.PublishedAsync(db, community, ct);
    }

    public sealed class RecordForm
    {
        public int HouseholdId { get; set; }

        public int ServiceItemId { get; set; }

        public DateTime OccurredAt { get; set; }

        public ServiceMode Mode { get; set; } = ServiceMode.ProactiveVisit;

        public ProviderType Provider { get; set; } = ProviderType.Staff;

        public ServiceOutcome Outcome { get; set; } = ServiceOutcome.Completed;

        public int Minutes { get; set; } = 30;

        public string? Note { get; set; }

        /// <summary>An opinion or suggestion the resident voiced during the visit.</summary>
        public string? Opinion { get; set; }
    }
}
