using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;

namespace Shequ.Web.Modules.Opinion;

/// <summary>The suggestion lists, hot topics and unit figures, the same for pages, exports and the API.</summary>
public static class SuggestionQueries
{
    public static bool TryParseMonth(string? month, out DateOnly first)
    {
        var ok = DateOnly.TryParseExact((month ?? string.Empty) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
        return ok;
    }

    public static IQueryable<Suggestion> Filter(ShequDbContext db, string? under, OpinionCategory? category, SuggestionStatus? status, string? month, DateOnly? overdueOn, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Suggestions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(s => s.Text.Contains(t) || s.Keywords.Contains(t));
        }

        if (RegionCode.FilterPrefix(under) is { } prefix)
        {
            query = query.Where(s => s.CommunityCode.StartsWith(prefix));
        }

        if (category is { } c)
        {
            query = query.Where(s => (s.Category ?? s.SuggestedCategory) == c);
        }

        if (status is { } st)
        {
            query = query.Where(s => s.Status == st);
        }

        if (TryParseMonth(month, out var first))
        {
            // A month is the server's local calendar month.
            var from = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), TimeZoneInfo.Local);
            var to = TimeZoneInfo.ConvertTimeToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeZoneInfo.Local);
            query = query.Where(s => s.SubmittedAtUtc >= from && s.SubmittedAtUtc < to);
        }

        if (overdueOn is { } today)
        {
            query = query.Where(s => s.Status == SuggestionStatus.Routed && s.ReplyDueOn < today);
        }

        return query.OrderByDescending(s => s.Id);
    }

    /// <summary>Keywords and groups of one region and month (热点难点, E4-7).</summary>
    public static async Task<HotTopicsDto> HotTopicsAsync(ShequDbContext db, string? region, string month, CancellationToken ct)
    {
        var list = await Filter(db, region, null, null, month, null).Select(s => new { s.Id, s.Keywords, s.GroupId, s.Text, Category = s.Category ?? s.SuggestedCategory }).ToListAsync(ct);
        var keywords = list.SelectMany(s => s.Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries)).GroupBy(k => k)
            .Select(g => new KeywordCount(g.Key, g.Count())).OrderByDescending(k => k.Count).ThenBy(k => k.Keyword, StringComparer.Ordinal).Take(20).ToList();
        var categories = list.GroupBy(s => s.Category).OrderBy(g => g.Key).Select(g => new CategoryCount(g.Key.ToString(), g.Count())).ToList();
        var groups = list.Where(s => s.GroupId is not null).GroupBy(s => s.GroupId!.Value).Where(g => g.Count() > 1)
            .Select(g => new TopicGroup(g.Key, g.Count(), g.OrderBy(s => s.Id).First().Text)).OrderByDescending(g => g.Size).ToList();
        return new HotTopicsDto(region ?? string.Empty, month, list.Count, keywords, categories, groups);
    }

    public sealed record UnitFigures(string Unit, int Routed, int Replied, int OnTime, int Overdue, double? AverageRating)
    {
        public double ClosureRate => Routed == 0 ? 0 : Replied / (double)Routed;

        public double OnTimeRate => Replied == 0 ? 0 : OnTime / (double)Replied;
    }

    /// <summary>Closure and on-time rates per responsible unit.</summary>
    public static async Task<List<UnitFigures>> UnitsAsync(ShequDbContext db, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Suggestions.AsNoTracking().Where(s => s.UnitName != null)
            .Select(s => new { s.UnitName, s.Status, s.ReplyDueOn, s.RepliedOn, s.Rating }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.UnitName!).Select(g => new UnitFigures(
            g.Key,
            g.Count(),
            g.Count(r => r.Status is SuggestionStatus.Replied or SuggestionStatus.Drafted),
            g.Count(r => r.RepliedOn is { } on && on <= r.ReplyDueOn),
            g.Count(r => r.Status == SuggestionStatus.Routed && r.ReplyDueOn < today),
            g.Where(r => r.Rating is not null).Select(r => (double)r.Rating!.Value).DefaultIfEmpty().Average() is var avg && g.Any(r => r.Rating is not null) ? avg : null))
            .OrderBy(u => u.Unit, StringComparer.Ordinal)];
    }
}
