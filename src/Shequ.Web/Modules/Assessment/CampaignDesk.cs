using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Assessment;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Assessment;

/// <summary>A campaign request: which period, which region's workers, how many to draw, and an optional seed.</summary>
public sealed record CampaignRequest(int PeriodId, string? RegionCode, int PerItem, int MaxPerWorker, long? Seed, int Days, IReadOnlyList<int>? Workers = null);

/// <summary>One printable slip: the household's code, link and who to grade. Only while the campaign runs.</summary>
public sealed record Slip(int InvitationId, string Token, string ShortCode, IReadOnlyList<(string Worker, string Item)> Subjects, DateTime ExpiresAtUtc);

public sealed record GradeInput(int WorkerId, int ItemId, string? Grade, string? Reason);

/// <summary>What a submission came to: stored, or why not (400 bad grades, 404 unknown, 409 used, 410 expired).</summary>
public sealed record SubmitResult(int Status, string? Error, int Stored)
{
    public bool Succeeded => Status == StatusCodes.Status201Created;
}

/// <summary>
/// Starts evaluation campaigns (E2-6) and takes residents' evaluations (items D17–D19). Tokens and short codes are
/// derived from a per-campaign slip key (sealed; forgotten when the campaign closes), so slips can be printed again
/// while only hashes are stored; a token is spent by a conditional update in the same transaction as the insert (see <see cref="BallotBox"/>).
/// </summary>
public sealed class CampaignDesk(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, BallotBox ballots)
{
    public const string SlipKeyPurpose = "campaign.slip-key";
    public const int PreviousCampaignsExcluded = 2;
    private const string ShortCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int ShortCodeLength = 10;

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task<(EvaluationCampaign? Campaign, string? Error, int Status)> StartAsync(CampaignRequest request, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == request.PeriodId, ct);
        var code = request.RegionCode?.Trim() ?? string.Empty;
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (period is null || region is null || !region.Code.StartsWith(period.DistrictCode, StringComparison.Ordinal))
        {
            return (null, "考核期或区划不存在，或不在您的管辖范围内。", StatusCodes.Status404NotFound);
        }

        var prefix = RegionCode.SubtreePrefix(region.Level, region.Code);
        var from = period.StartsOn.ToDateTime(TimeOnly.MinValue);
        var to = period.EndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var only = request.Workers is { Count: > 0 } list ? list.ToList() : null;
        var frame = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.RegionCode.StartsWith(prefix) && r.OccurredAt >= from && r.OccurredAt < to && (only == null || only.Contains(r.WorkerId)))
            .Select(r => new ServedHousehold(r.WorkerId, r.ServiceItemId, r.RegionCode, r.HouseholdId))
            .Distinct().ToListAsync(ct);

        // Exclusions are a fairness rule: every worker counts, not only those the caller can see.
        var workers = await db.Workers.IgnoreQueryFilters().AsNoTracking().Select(w => new { w.Id, w.HouseholdId, Kin = w.Kin.Select(k => k.ResidentId) }).ToListAsync(ct);
        var kinResidents = workers.SelectMany(w => w.Kin).Distinct().ToList();
        var kinHouseholds = await db.Residents.IgnoreQueryFilters().Where(r => kinResidents.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.HouseholdId, ct);
        var ownAndKin = workers.ToDictionary(
            w => w.Id,
            w => (IReadOnlySet<int>)w.Kin.Where(kinHouseholds.ContainsKey).Select(k => kinHouseholds[k]).Concat(w.HouseholdId is { } h ? [h] : []).ToHashSet());
        var workerHouseholds = workers.Where(w => w.HouseholdId is not null).Select(w => w.HouseholdId!.Value).ToHashSet();
        var previous = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.RegionCode.StartsWith(period.DistrictCode))
            .OrderByDescending(c => c.Id).Take(PreviousCampaignsExcluded).Select(c => c.Id).ToListAsync(ct);
        var recent = (await db.SampledHouseholds.Where(s => previous.Contains(s.CampaignId)).Select(s => s.HouseholdId).ToListAsync(ct)).ToHashSet();

        var rule = new SampleRule(request.PerItem, request.MaxPerWorker);
        var seed = request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var draws = EvaluatorSampler.Draw(frame, new SamplingExclusions(ownAndKin, workerHouseholds, recent), rule, seed);
        var slipKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var campaign = EvaluationCampaign.Start(period, region.Code, rule, seed, string.Join('\n', frame.OrderBy(f => f.WorkerId).ThenBy(f => f.ServiceItemId).ThenBy(f => f.HouseholdId)
                    .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.WorkerId},{f.ServiceItemId},{f.GridCode},{f.HouseholdId}"))),
                sealer.Seal(SlipKeyPurpose, Convert.ToBase64String(slipKey)).Cipher, NowUtc, request.Days, actor);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.EvaluationCampaigns.Add(campaign);
            await db.SaveChangesAsync(ct);

            var invitations = draws.GroupBy(d => d.HouseholdId).OrderBy(g => g.Key)
                .Select(g => EvaluationInvitation.For(campaign.Id, g.Key, g.Select(d => (d.WorkerId, d.ServiceItemId)), campaign.ExpiresAtUtc)).ToList();
            foreach (var invitation in invitations)
            {
                invitation.Protect(Guid.NewGuid().ToString("N"), string.Empty);
            }

            db.EvaluationInvitations.AddRange(invitations);
            db.SampledHouseholds.AddRange(invitations.Select(i => new SampledHousehold { CampaignId = campaign.Id, HouseholdId = i.HouseholdId!.Value }));
            await db.SaveChangesAsync(ct);

            // Ids exist now: derive each token and code and keep only their hashes.
            foreach (var invitation in invitations)
            {
                invitation.Protect(ApiTokens.Hash(TokenFor(slipKey, invitation.Id)), ApiTokens.Hash(ShortCodeFor(slipKey, invitation.Id)));
            }

            campaign.Count(draws.Select(d => d.WorkerId).Distinct().Count(), invitations.Count);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (campaign, null, StatusCodes.Status201Created);
        }
        catch (BusinessRuleViolationException ex)
        {
            return (null, ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// Closes a campaign: its slip key is forgotten and unused invitations expire now and forget their household
    /// (item D19). The caller saves.
    /// </summary>
    public async Task CloseAsync(EvaluationCampaign campaign, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        campaign.Close();
        var now = NowUtc;
        await db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.CampaignId == campaign.Id && i.UsedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.HouseholdId, (int?)null).SetProperty(i => i.ExpiresAtUtc, now), ct);
    }

    /// <summary>The slips still usable in a running campaign, recomputed from its slip key.</summary>
    public async Task<List<Slip>?> SlipsAsync(int campaignId, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign?.SlipKeyCipher is null)
        {
            return null;
        }

        var key = Convert.FromBase64String(sealer.Open(SlipKeyPurpose, campaign.SlipKeyCipher));
        // Used and expired invitations get no slip.
        var now = NowUtc;
        var invitations = await db.EvaluationInvitations.AsNoTracking().Where(i => i.CampaignId == campaignId && i.UsedAtUtc == null && i.ExpiresAtUtc > now).OrderBy(i => i.Id).ToListAsync(ct);
        var workerIds = invitations.SelectMany(i => i.Subjects).Select(s => s.WorkerId).Distinct().ToList();
        var itemIds = invitations.SelectMany(i => i.Subjects).Select(s => s.ServiceItemId).Distinct().ToList();
        var workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var items = await db.ServiceItems.IgnoreQueryFilters().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        return [.. invitations.Select(i => new Slip(i.Id, TokenFor(key, i.Id), ShortCodeFor(key, i.Id),
            [.. i.Subjects.Select(s => (workers.GetValueOrDefault(s.WorkerId) ?? string.Empty, items.GetValueOrDefault(s.ServiceItemId) ?? string.Empty))], i.ExpiresAtUtc))];
    }

    /// <summary>The invitation a token or a typed short code opens, with the names of who to grade; null when unknown.</summary>
    public async Task<EvaluationInvitation?> OpenAsync(string? tokenOrCode, CancellationToken ct)
    {
        var text = NormaliseCode(tokenOrCode);
        if (text.Length is < 6 or > 64)
        {
            return null;
        }

        var hash = ApiTokens.Hash(text);
        var invitations = db.EvaluationInvitations.IgnoreQueryFilters().AsNoTracking();
        var found = await (IsTypedCode(text) ? invitations.Where(i => i.ShortCodeHash == hash) : invitations.Where(i => i.TokenHash == hash)).Take(2).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    public async Task<Dictionary<(int WorkerId, int ItemId), (string Worker, string Item)>> NamesAsync(EvaluationInvitation invitation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var workerIds = invitation.Subjects.Select(s => s.WorkerId).ToList();
        var itemIds = invitation.Subjects.Select(s => s.ServiceItemId).ToList();
        var workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var items = await db.ServiceItems.IgnoreQueryFilters().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        return invitation.Subjects.ToDictionary(s => (s.WorkerId, s.ServiceItemId), s => (workers.GetValueOrDefault(s.WorkerId) ?? string.Empty, items.GetValueOrDefault(s.ServiceItemId) ?? string.Empty));
    }

    /// <summary>
    /// Checks one ballot's grades (a grade each, reasons for 优 and 差) and hands it to the ballot box, which spends the
    /// token and stores the grades in a group commit; the token is checked there, against the database, in the batch.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string? tokenOrCode, IReadOnlyList<GradeInput> grades, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var text = NormaliseCode(tokenOrCode);
        if (text.Length is < 6 or > 64)
        {
            return new(StatusCodes.Status404NotFound, "评议码无效，请核对后重新输入。", 0);
        }

        var cast = new List<CastGrade>(grades.Count);
        foreach (var g in grades)
        {
            if (ParseGrade(g.Grade) is not { } grade)
            {
                return new(StatusCodes.Status400BadRequest, "请在“优、良、中、差”中选择一项。", 0);
            }

            if (Evaluation.FirstBrokenRule(grade, g.Reason) is { } broken)
            {
                return new(StatusCodes.Status400BadRequest, broken.Message, 0);
            }

            cast.Add(new CastGrade(g.WorkerId, g.ItemId, grade, g.Reason));
        }

        return await ballots.CastAsync(ApiTokens.Hash(text), typedCode: IsTypedCode(text), cast, ct);
    }

    public static Grade? ParseGrade(string? text) => text?.Trim() switch
    {
        "优" or "Excellent" => Grade.Excellent,
        "良" or "Good" => Grade.Good,
        "中" or "Fair" => Grade.Fair,
        "差" or "Poor" => Grade.Poor,
        _ => null,
    };

    /// <summary>128 bits, URL-safe, derived from the campaign's secret slip key and the invitation.</summary>
    public static string TokenFor(byte[] slipKey, int invitationId) =>
        Microsoft.AspNetCore.Authentication.Base64UrlTextEncoder.Encode(HMACSHA256.HashData(slipKey, Encoding.UTF8.GetBytes("token:" + invitationId.ToString(CultureInfo.InvariantCulture)))[..16]);

    /// <summary>Ten characters a resident can type (about 49 bits), without look-alikes such as 0/O and 1/I/L.</summary>
    public static string ShortCodeFor(byte[] slipKey, int invitationId)
    {
        var bytes = HMACSHA256.HashData(slipKey, Encoding.UTF8.GetBytes("code:" + invitationId.ToString(CultureInfo.InvariantCulture)));
        return string.Concat(bytes.Take(ShortCodeLength).Select(b => ShortCodeAlphabet[b % ShortCodeAlphabet.Length]));
    }

    /// <summary>A typed short code, as opposed to the 22-character token of a link; each has its own index.</summary>
    private static bool IsTypedCode(string normalised) => normalised.Length == ShortCodeLength;

    private static string NormaliseCode(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length <= 12 ? t.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant() : t;
    }
}
