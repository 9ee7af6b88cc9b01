using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// Where an SMS gateway plugs in (issue 5 keeps SMS out of scope). Register an implementation to enable sending
/// evaluation links from a campaign's page; without one the page offers printed slips only.
/// </summary>
public interface IInvitationSender
{
    bool IsConfigured { get; }

    /// <summary>Sends one text; returns whether the gateway accepted it.</summary>
    Task<bool> SendAsync(string mobile, string text, CancellationToken ct);
}

/// <summary>The default: no gateway.</summary>
public sealed class NoInvitationSender : IInvitationSender
{
    public bool IsConfigured => false;

    public Task<bool> SendAsync(string mobile, string text, CancellationToken ct) => Task.FromResult(false);
}

/// <summary>Sends each unused invitation's link to the first household member with a mobile number on file.</summary>
public sealed class InvitationTexts(ShequDbContext db, CampaignDesk desk, IPersonalDataSealer sealer, IInvitationSender sender)
{
    public async Task<(int Sent, int WithoutPhone)> SendAsync(int campaignId, string siteRoot, CancellationToken ct)
    {
        if (!sender.IsConfigured || await desk.SlipsAsync(campaignId, ct) is not { } slips)
        {
            return (0, 0);
        }

        var households = slips.ToDictionary(s => s.InvitationId, s => s.HouseholdId);
        var householdIds = households.Values.ToList();
        var phones = (await db.Residents.IgnoreQueryFilters().Where(r => householdIds.Contains(r.HouseholdId) && r.PhoneCipher != null && r.Status == ResidentStatus.Living)
                .OrderBy(r => r.Relation).Select(r => new { r.HouseholdId, r.PhoneCipher }).ToListAsync(ct))
            .GroupBy(r => r.HouseholdId).ToDictionary(g => g.Key, g => sealer.Open(Resident.PhonePurpose, g.First().PhoneCipher!));
        var (sent, without) = (0, 0);
        foreach (var slip in slips)
        {
            if (!households.TryGetValue(slip.InvitationId, out var household) || !phones.TryGetValue(household, out var phone))
            {
                without++;
                continue;
            }

            var text = $"【社区评议】请评价为您服务的社区工作人员：{siteRoot}/e/{slip.Token} 或在 {siteRoot}/e 输入评议码 {slip.ShortCode}，{slip.ExpiresAtUtc.ToLocalTime():M月d日}前有效，匿名评议。";
            sent += await sender.SendAsync(phone, text, ct) ? 1 : 0;
        }

        return (sent, without);
    }
}
