using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>
/// The distribution list (issue 14): one envelope per drawn household — householder, grid and address outside; the
/// slip with its QR code and short code inside — printed once. Printing drops the stored link between each code and
/// its household; the handing out is then recorded per household on the handout page.
/// </summary>
public sealed class SlipsModel(CampaignDesk desk, ShequDbContext db) : PageModel
{
    public EvaluationCampaign Campaign { get; private set; } = null!;

    public int Unused { get; private set; }

    public List<(Envelope Envelope, string Qr, string Url)> Envelopes { get; private set; } = [];

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        var (envelopes, refusal) = await desk.DistributionAsync(id, User.Identity!.Name!, ct);
        if (envelopes is null || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (refusal is not null)
        {
            Refusal = refusal;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var root = $"{Request.Scheme}://{Request.Host}";
        Envelopes = [.. envelopes.Select(e =>
        {
            var url = $"{root}/e/{e.Slip.Token}";
            return (e, "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(url, QRCodeGenerator.ECCLevel.M, 4)), url);
        })];
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Campaign = found;
        var now = desk.NowUtc;
        Unused = await db.EvaluationInvitations.CountAsync(i => i.CampaignId == id && !i.IsUsed && i.ExpiresAtUtc > now, ct);
        return true;
    }
}
