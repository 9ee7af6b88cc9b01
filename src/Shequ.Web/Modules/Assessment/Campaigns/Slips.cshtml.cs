using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Shequ.Data;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>
/// Print-ready slips for residents without smartphones: the worker's name, the item, a QR code and a short code
/// to type into /e. The slips are recomputed while the campaign runs; each print is audited.
/// </summary>
public sealed class SlipsModel(CampaignDesk desk, ShequDbContext db) : PageModel
{
    public List<(Slip Slip, string Qr, string Url)> Slips { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        var slips = await desk.SlipsAsync(id, ct);
        if (slips is null)
        {
            return NotFound();
        }

        db.Audit(Shequ.Data.Audit.AuditActions.Export, "EvaluationCampaign", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{slips.Count} slips printed");
        await db.SaveChangesAsync(ct);
        var root = $"{Request.Scheme}://{Request.Host}";
        Slips = [.. slips.Select(s =>
        {
            var url = $"{root}/e/{s.Token}";
            return (s, "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(url, QRCodeGenerator.ECCLevel.M, 4)), url);
        })];
        return Page();
    }
}
