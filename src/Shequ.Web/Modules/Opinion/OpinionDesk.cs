using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Opinion;

/// <summary>Settings under Shequ:Opinion.</summary>
public sealed class OpinionOptions
{
    /// <summary>Contact-day rules by district code; a district not listed meets on the second Sunday.</summary>
    public Dictionary<string, DayRuleSetting> DayRules { get; set; } = [];

    public string DefaultVenue { get; set; } = "社区党群服务中心";

    public TimeOnly DefaultStart { get; set; } = new(9, 0);

    public TimeOnly DefaultEnd { get; set; } = new(11, 30);

    /// <summary>Suggestions waiting for text analysis before new ones are told to come back later (503).</summary>
    public int AnalysisQueueLength { get; set; } = OpinionAnalysis.DefaultQueueLength;

    /// <summary>Days a unit has to reply, counted from routing.</summary>
    public int ReplyDays { get; set; } = 15;

    /// <summary>How far back a new suggestion looks for similar ones in its community.</summary>
    public int SimilarityWindowDays { get; set; } = 90;

    public double SimilarityThreshold { get; set; } = SuggestionSimilarity.DefaultThreshold;

    public ContactDayRule RuleFor(string code) =>
        DayRules.TryGetValue(code[..Math.Min(6, code.Length)], out var r) ? new ContactDayRule(r.Occurrence, r.Weekday) : ContactDayRule.SecondSunday;

    public sealed class DayRuleSetting
    {
        public int Occurrence { get; set; } = 2;

        public DayOfWeek Weekday { get; set; } = DayOfWeek.Sunday;
    }
}

public sealed record SuggestionInput(string? CommunityCode, string? Text, string? Name, string? Phone, bool WantsFollowLink);

public sealed record SuggestionResult(Suggestion? Suggestion, string? FollowToken, string? Error)
{
    /// <summary>Refused for now because text analysis is saturated: answer 503 with Retry-After.</summary>
    public bool Busy { get; init; }
}

/// <summary>Takes suggestions in from every source, proposes their category and group, and plans contact days.</summary>
public sealed class OpinionDesk(ShequDbContext db, OpinionAnalysis analysis, IPersonalDataSealer sealer, TimeProvider time, IOptions<OpinionOptions> options)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Writes the reply as a draft on <paramref name="item"/> and, when asked, on the other suggestions of its group
    /// still waiting for one (one answer serves many). Nothing is saved here.
    /// </summary>
    public void Draft(Suggestion item, IEnumerable<Suggestion> group, bool wholeGroup, string? reply, string by)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(group);
        var now = NowUtc;
        item.Answer(reply ?? string.Empty, by, now, Today);
        foreach (var other in wholeGroup ? group.Where(g => g.Id != item.Id && g.HandlerUnitId == item.HandlerUnitId && g.Status is SuggestionStatus.Routed or SuggestionStatus.Drafted) : [])
        {
            other.Answer(reply!, by, now, Today);
        }
    }

    public OpinionOptions Options => options.Value;

    public async Task<SuggestionResult> SubmitAsync(SuggestionInput input, SuggestionSource source, string actor, bool anyCommunity, CancellationToken ct, int? contactDayId = null, long? serviceRecordId = null)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Sizes before any work (issue 15): the segmenter's cost grows faster than the text.
        if (new ASuggestionSaysSomethingRule(input.Text) is { } length && length.IsBroken() && (input.Text?.Length ?? 0) > Suggestion.MaxText)
        {
            return new(null, null, length.Message);
        }

        var code = input.CommunityCode?.Trim() ?? string.Empty;
        var regions = anyCommunity ? db.Regions.IgnoreQueryFilters() : db.Regions;
        if (!await regions.AnyAsync(r => r.Code == code && r.Level == RegionLevel.Community, ct))
        {
            return new(null, null, "请选择所在社区。");
        }

        string? contact = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (!MobileNumber.TryParse(input.Phone, out var phone))
            {
                return new(null, null, MobileNumber.Problem);
            }

            contact = sealer.Seal(Suggestion.ContactPurpose, phone.Value).Cipher;
        }

        var (token, hash) = input.WantsFollowLink ? Access.PrivateLinks.New() : (null, null);
        try
        {
            var text = input.Text ?? string.Empty;
            var now = time.GetUtcNow().UtcDateTime;

            // One job on the analysis thread does all the text work — words, category, keywords and the most similar
            // recent suggestion — so a submission either gets its analysis whole or is told to come back before any write.
            var recent = string.IsNullOrWhiteSpace(text) ? [] : await RecentAsync(code, now, ct);
            var (category, keywords, match) = string.IsNullOrWhiteSpace(text)
                ? (OpinionCategory.Other, (IReadOnlyList<string>)[], (int?)null)
                : await analysis.RunAsync(() =>
                {
                    var (c, k, words) = analysis.Analyse(text);
                    return (c, k, SuggestionSimilarity.MostSimilar(words, recent.Select(r => (r.Id, analysis.WordsOfStored(r.Id, r.Text))), Options.SimilarityThreshold));
                }, ct);
            var suggestion = Suggestion.Submit(new SuggestionIntake(code, source, text, input.Name, contact, hash, contactDayId, serviceRecordId), category, keywords, actor, now);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Suggestions.Add(suggestion);
            await db.SaveChangesAsync(ct);
            suggestion.JoinGroup(match is { } id ? recent.Single(r => r.Id == id).GroupId ?? id : suggestion.Id);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(suggestion, token, null);
        }
        catch (BusinessRuleViolationException ex)
        {
            return new(null, null, ex.Message);
        }
        catch (TextAnalysisBusyException ex)
        {
            return new(null, null, ex.Message) { Busy = true };
        }
    }

    private sealed record Recent(int Id, int? GroupId, string Text);

    /// <summary>The recent suggestions of the same community a new one may join as a group.</summary>
    private async Task<List<Recent>> RecentAsync(string community, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-Options.SimilarityWindowDays);
        return await db.Suggestions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CommunityCode == community && s.SubmittedAtUtc >= since)
            .OrderByDescending(s => s.Id).Take(300).Select(s => new Recent(s.Id, s.GroupId, s.Text)).ToListAsync(ct);
    }

    /// <summary>
    /// Plans the contact days of a year for the communities in scope that have none yet that month, with the
    /// leaders of each community's street (or of the district when the street names none) taking turns.
    /// </summary>
    public async Task<int> PlanYearAsync(int year, string? under, CancellationToken ct)
    {
        var communities = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Community && (under == null || r.Code.StartsWith(under)))
            .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        var leaders = await db.ContactLeaders.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Id).ToListAsync(ct);
        var existing = (await db.ContactDays.AsNoTracking().Where(d => d.Date.Year == year).Select(d => new { d.CommunityCode, d.Date.Month }).ToListAsync(ct))
            .Select(d => (d.CommunityCode, d.Month)).ToHashSet();
        var added = 0;
        foreach (var street in communities.GroupBy(c => c[..9]))
        {
            var streetLeaders = leaders.Where(l => l.RegionCode.StartsWith(street.Key, StringComparison.Ordinal)).ToList();
            if (streetLeaders.Count == 0)
            {
                streetLeaders = [.. leaders.Where(l => l.RegionCode.Length == 6 && street.Key.StartsWith(l.RegionCode, StringComparison.Ordinal))];
            }

            if (streetLeaders.Count == 0)
            {
                continue;
            }

            var list = street.ToList();
            foreach (var (community, date, leader) in ContactDayPlanner.Plan(Options.RuleFor(street.Key), year, list, streetLeaders))
            {
                if (existing.Add((community, date.Month)))
                {
                    db.ContactDays.Add(ContactDay.Plan(community, date, leader, Options.DefaultVenue, Options.DefaultStart, Options.DefaultEnd));
                    added++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
