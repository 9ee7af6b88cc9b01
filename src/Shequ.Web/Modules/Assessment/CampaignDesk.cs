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

/// <summary>A campaign request: which period, which region's workers (optionally only some), how many to draw. The seed is the system's.</summary>
public sealed record CampaignRequest(int PeriodId, string? RegionCode, int PerItem, int MaxPerWorker, int Days, IReadOnlyList<int>? Workers = null);

/// <summary>Settings under "Shequ:Assessment".</summary>
public sealed class AssessmentOptions
{
    /// <summary>Households drawn in a campaign of an overlapping area within this many days are not drawn again (E2-7).</summary>
    public int RecentEvaluatorDays { get; set; } = 180;

    public CodeGuessingOptions CodeGuessing { get; set; } = new();
}

/// <summary>One printable slip: the household it must reach, its code, link and who to grade. Only while the campaign runs.</summary>
public sealed record Slip(int InvitationId, int HouseholdId, string Token, string ShortCode, IReadOnlyList<(string Worker, string Item)> Subjects, DateTime ExpiresAtUtc);

/// <summary>One envelope of the distribution list: outside, who and where; inside, the slip.</summary>
public sealed record Envelope(Slip Slip, string Householder, string Area, string Address);

public sealed record HouseholdLabel(string Householder, string Area, string Address);

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
public sealed class CampaignDesk(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, BallotBox ballots, ScoreBoard board, Microsoft.Extensions.Options.IOptions<AssessmentOptions> options)
{
    public const string SlipKeyPurpose = "campaign.slip-key";
    public const string SeedIsTheSystems = "随机种子由系统在发起时生成并公布，不能指定。";
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
        var only = request.Workers is { Count: > 0 } list ? list.Distinct().ToList() : null;
        if (only is not null && only.Except(await db.Workers.Where(w => only.Contains(w.Id)).Select(w => w.Id).ToListAsync(ct)).ToList() is { Count: > 0 } unseen)
        {
            return (null, $"所选的社区工作者（编号 {string.Join("、", unseen)}）不存在或不在您的管辖范围内，评议未发起。", StatusCodes.Status404NotFound);
        }

        var frame = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.RegionCode.StartsWith(prefix) && r.OccurredAt >= from && r.OccurredAt < to && (only == null || only.Contains(r.WorkerId)))
            .Select(r => new ServedHousehold(r.WorkerId, r.ServiceItemId, r.RegionCode, r.HouseholdId))
            .Distinct().ToListAsync(ct);

        // Exclusions are a fairness rule: every worker counts, not only those the caller can see. Only what touches the
        // frame is kept with the campaign.
        var inFrame = frame.Select(f => f.HouseholdId).ToHashSet();
        var frameWorkers = frame.Select(f => f.WorkerId).ToHashSet();
        var workers = await db.Workers.IgnoreQueryFilters().AsNoTracking().Select(w => new { w.Id, w.Name, w.HouseholdId, Kin = w.Kin.Select(k => k.ResidentId) }).ToListAsync(ct);
        var kinResidents = workers.SelectMany(w => w.Kin).Distinct().ToList();
        var kinHouseholds = await db.Residents.IgnoreQueryFilters().Where(r => kinResidents.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.HouseholdId, ct);
        var ownAndKin = workers.Where(w => frameWorkers.Contains(w.Id)).ToDictionary(
            w => w.Id,
            w => (IReadOnlySet<int>)w.Kin.Where(kinHouseholds.ContainsKey).Select(k => kinHouseholds[k]).Concat(w.HouseholdId is { } h ? [h] : []).Where(inFrame.Contains).ToHashSet());
        var workerHouseholds = workers.Where(w => w.HouseholdId is { } h && inFrame.Contains(h)).Select(w => w.HouseholdId!.Value).ToHashSet();

        // Recent evaluators (E2-7): those drawn by any campaign of an area overlapping this one within the window.
        var since = NowUtc.AddDays(-options.Value.RecentEvaluatorDays);
        var earlier = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.RegionCode.StartsWith(period.DistrictCode) && c.CreatedAtUtc >= since)
            .Select(c => new { c.Id, c.RegionCode }).ToListAsync(ct);
        var overlapping = earlier.Where(c => Overlap(c.RegionCode, region.Code)).Select(c => c.Id).ToList();
        var recent = (await db.SampledHouseholds.Where(s => overlapping.Contains(s.CampaignId)).Select(s => s.HouseholdId).ToListAsync(ct)).Where(inFrame.Contains).ToHashSet();

        var rule = new SampleRule(request.PerItem, request.MaxPerWorker);
        var seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        var minimum = (await board.SchemeForAsync(period, ct)).MinimumValidEvaluations;
        var slipKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var (campaign, draws) = EvaluationCampaign.Draw(period, region.Code, rule, seed, frame, new SamplingExclusions(ownAndKin, workerHouseholds, recent),
                minimum, workers.ToDictionary(w => w.Id, w => w.Name), sealer.Seal(SlipKeyPurpose, Convert.ToBase64String(slipKey)).Cipher, NowUtc, request.Days, actor);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.EvaluationCampaigns.Add(campaign);
            await db.SaveChangesAsync(ct);

            // ADR-011: invitations are written in an order drawn from the CSPRNG, so their ids say nothing of the
            // households (which the stored draw lists in order); household and subjects exist only sealed.
            var invitations = draws.GroupBy(d => d.HouseholdId).OrderBy(g => g.Key)
                .Select(g => EvaluationInvitation.For(campaign.Id, g.Key, g.Select(d => (d.WorkerId, d.ServiceItemId)), campaign.ExpiresAtUtc)).ToArray();
            RandomNumberGenerator.Shuffle(invitations.AsSpan());
            foreach (var invitation in invitations)
            {
                invitation.Protect(Guid.NewGuid().ToString("N"), string.Empty);
                invitation.Seal(sealer);
            }

            db.EvaluationInvitations.AddRange(invitations);
            db.SampledHouseholds.AddRange(draws.Select(d => d.HouseholdId).Distinct().Order().Select(h => new SampledHousehold { CampaignId = campaign.Id, HouseholdId = h }));
            db.InvitedCounts.AddRange(draws.GroupBy(d => d.WorkerId).Select(g => new InvitedCount { CampaignId = campaign.Id, WorkerId = g.Key, Subjects = g.Count() }));
            await db.SaveChangesAsync(ct);

            // Ids exist now: derive each token and code and keep only their hashes.
            foreach (var invitation in invitations)
            {
                invitation.Protect(ApiTokens.Hash(TokenFor(slipKey, invitation.Id)), ApiTokens.Hash(ShortCodeFor(slipKey, invitation.Id)));
            }

            campaign.Count(draws.Select(d => d.WorkerId).Distinct().Count(), invitations.Length);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (campaign, null, StatusCodes.Status201Created);
        }
        catch (BusinessRuleViolationException ex)
        {
            return (null, ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Two areas overlap when one lies within the other.</summary>
    private static bool Overlap(string a, string b)
    {
        static string Prefix(string code) => RegionCode.LevelOf(code) is { } level ? RegionCode.SubtreePrefix(level, code) : code;
        return a.StartsWith(Prefix(b), StringComparison.Ordinal) || b.StartsWith(Prefix(a), StringComparison.Ordinal);
    }

    /// <summary>
    /// Closes a campaign: its slip key is forgotten, unused invitations expire now and forget their household and
    /// subjects (item D19), and the ballots it received are written as evaluations, all at once (ADR-011). The caller
    /// saves, in one transaction with this.
    /// </summary>
    public async Task CloseAsync(EvaluationCampaign campaign, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        campaign.Close();
        var now = NowUtc;
        await db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.CampaignId == campaign.Id && !i.IsUsed)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Sealed, (string?)null).SetProperty(i => i.ExpiresAtUtc, now), ct);
        await ReleaseAsync(campaign.Id, ct);
    }

    /// <summary>
    /// Writes a campaign's received ballots as evaluations: every grade of every ballot in one shuffled batch with
    /// random keys, each line carrying its ballot and day only sealed, and deletes the sealed ballots. Run at close, so
    /// no order, transaction or rowid of the stored grades can be traced to one ballot (ADR-011). The caller saves.
    /// </summary>
    public async Task<int> ReleaseAsync(int campaignId, CancellationToken ct)
    {
        var pending = await db.PendingBallots.Where(p => p.CampaignId == campaignId).ToListAsync(ct);
        var lines = new List<Evaluation>();
        foreach (var ballot in pending)
        {
            var content = ReceivedBallot.Open(sealer, ballot.Sealed);
            foreach (var g in content.Grades)
            {
                var line = Evaluation.Cast(campaignId, content.Ballot, g.WorkerId, g.ItemId, g.Grade, g.Reason, content.Day, requireReason: false);
                line.SealBallot(sealer);
                lines.Add(line);
            }
        }

        var shuffled = lines.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        db.Evaluations.AddRange(shuffled);
        db.PendingBallots.RemoveRange(pending);
        return pending.Count;
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
        var invitations = await db.EvaluationInvitations.AsNoTracking().Where(i => i.CampaignId == campaignId && !i.IsUsed && i.ExpiresAtUtc > now).OrderBy(i => i.Id).ToListAsync(ct);
        invitations.RemoveAll(i => !i.Open(sealer));
        var workerIds = invitations.SelectMany(i => i.Subjects).Select(s => s.WorkerId).Distinct().ToList();
        var itemIds = invitations.SelectMany(i => i.Subjects).Select(s => s.ServiceItemId).Distinct().ToList();
        var workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var items = await db.ServiceItems.IgnoreQueryFilters().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        return [.. invitations.Select(i => new Slip(i.Id, i.HouseholdId!.Value, TokenFor(key, i.Id), ShortCodeFor(key, i.Id),
            [.. i.Subjects.Select(s => (workers.GetValueOrDefault(s.WorkerId) ?? string.Empty, items.GetValueOrDefault(s.ServiceItemId) ?? string.Empty))], i.ExpiresAtUtc))];
    }

    /// <summary>
    /// The distribution list, printed once (issue 14): for each unused invitation, the household it must reach — the
    /// householder's name, the grid and the address for the outside of the envelope — and the slip for the inside.
    /// Printing it marks the campaign and drops every invitation's link to its household, so from then on only the
    /// paper knows which code went where. Null when the campaign is unknown; a refusal when printed before or closed.
    /// </summary>
    public async Task<(List<Envelope>? Envelopes, string? Refusal)> DistributionAsync(int campaignId, string by, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return (null, null);
        }

        var refusal = new ADistributionListIsPrintedOnceRule(campaign.DistributedAtUtc, campaign.IsClosed);
        if (refusal.IsBroken() || await SlipsAsync(campaignId, ct) is not { } slips)
        {
            return ([], refusal.Message);
        }

        var labels = await HouseholdLabelsAsync(slips.Select(s => s.HouseholdId), ct);
        var envelopes = slips.Select(s => labels.TryGetValue(s.HouseholdId, out var l)
                ? new Envelope(s, l.Householder, l.Area, l.Address)
                : new Envelope(s, string.Empty, string.Empty, string.Empty))
            .OrderBy(e => e.Area, StringComparer.Ordinal).ThenBy(e => e.Address, StringComparer.Ordinal).ToList();

        await using var tx = await db.BeginOrJoinTransactionAsync(ct);
        campaign.MarkDistributed(NowUtc, by);
        var invitations = await db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.CampaignId == campaignId && i.Sealed != null).ToListAsync(ct);
        invitations.ForEach(i => i.ForgetHousehold(sealer));
        db.Audit(Shequ.Data.Audit.AuditActions.Export, nameof(EvaluationCampaign), campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"distribution list printed: {envelopes.Count} envelopes; household links dropped");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (envelopes, null);
    }

    /// <summary>
    /// How a drawn household is named on paper: its living householder (or first living member), its area by name and
    /// its address. Whole-district reads: the campaign's own pages decide who may see them.
    /// </summary>
    public async Task<Dictionary<int, HouseholdLabel>> HouseholdLabelsAsync(IEnumerable<int> householdIds, CancellationToken ct)
    {
        var ids = householdIds.Distinct().ToList();
        var households = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        var heads = (await db.Residents.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.HouseholdId) && r.Status == Shequ.Domain.Registry.ResidentStatus.Living)
            .OrderBy(r => r.Relation).Select(r => new { r.HouseholdId, r.Name }).ToListAsync(ct)).GroupBy(r => r.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        var codes = households.Select(h => h.RegionCode).Distinct().ToList();
        var areas = await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return households.ToDictionary(
            h => h.Id,
            h => new HouseholdLabel(heads.GetValueOrDefault(h.Id) ?? string.Empty, areas.GetValueOrDefault(h.RegionCode) ?? h.RegionCode, h.Address(sealer).ToString()));
    }

    /// <summary>Records what became of drawn households' envelopes; returns how many changed.</summary>
    public async Task<int> RecordHandoutAsync(int campaignId, IReadOnlyDictionary<int, Handout> statuses, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (!await db.EvaluationCampaigns.AnyAsync(c => c.Id == campaignId, ct))
        {
            return -1;
        }

        var ids = statuses.Keys.ToList();
        var rows = await db.SampledHouseholds.Where(s => s.CampaignId == campaignId && ids.Contains(s.HouseholdId)).ToListAsync(ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var changed = 0;
        foreach (var row in rows.Where(r => Enum.IsDefined(statuses[r.HouseholdId]) && r.Handout != statuses[r.HouseholdId]))
        {
            row.Handout = statuses[row.HouseholdId];
            row.HandoutOn = row.Handout == Handout.Pending ? null : today;
            changed++;
        }

        db.Audit(Shequ.Data.Audit.AuditActions.Updated, nameof(EvaluationCampaign), campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{changed} handouts recorded");
        await db.SaveChangesAsync(ct);
        return changed;
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
        if (found.Count != 1)
        {
            return null;
        }

        found[0].Open(sealer);
        return found[0];
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
    /// <remarks>
    /// E2-5: an 优 or 差 without a reason is first refused with the request to give one; sent again with
    /// <paramref name="withoutReason"/> (the resident chose not to), it is kept as invalid and does not count.
    /// </remarks>
    public async Task<SubmitResult> SubmitAsync(string? tokenOrCode, IReadOnlyList<GradeInput> grades, CancellationToken ct, bool withoutReason = false)
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

            if (Evaluation.FirstBrokenRule(grade, g.Reason, requireReason: !withoutReason) is { } broken)
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
