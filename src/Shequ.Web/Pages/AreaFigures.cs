using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Shequ.Data;
using Shequ.Domain.Registry;

namespace Shequ.Web.Pages;

/// <summary>Residents, households and this month's service records of each child area, as of a moment.</summary>
public sealed record AreaCounts(IReadOnlyDictionary<string, (int Residents, int Households, int Services)> ByArea, DateTime AsOfLocal);

/// <summary>
/// The dashboard's people and work figures (P5). A district holds a million residents and millions of service records;
/// counting them on every page view would cost more than the rest of the page, so the counts for a scope are kept for
/// a minute, counted once however many ask at the same time, and the page says when they were taken.
/// </summary>
public sealed class AreaFigures(ShequDbContext db, IMemoryCache cache, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private static readonly Lock Gate = new();

    /// <summary>Counts grouped by the first <paramref name="areaCodeLength"/> characters of the region code, within the caller's scope.</summary>
    public Task<AreaCounts> ForAsync(string scopeKey, int areaCodeLength, CancellationToken ct)
    {
        // One count per scope at a time: callers arriving while it runs wait for the same result instead of each
        // starting their own (at district scale a count takes seconds). A failed count is not kept.
        var key = ("area-figures", scopeKey, areaCodeLength);
        Lazy<Task<AreaCounts>> shared;
        lock (Gate)
        {
            // GetOrCreate alone lets callers arriving together each create an entry, and each start a count.
            shared = cache.GetOrCreate(key, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = Freshness;
                return new Lazy<Task<AreaCounts>>(() => CountAsync(areaCodeLength));
            })!;
        }

        if (shared.Value.IsFaulted || shared.Value.IsCanceled)
        {
            cache.Remove(key);
        }

        return shared.Value.WaitAsync(ct);
    }

    private async Task<AreaCounts> CountAsync(int areaCodeLength)
    {
        var ct = CancellationToken.None; // shared by every waiting caller, so no single caller may cancel it
        var now = time.GetLocalNow().DateTime;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var residents = await db.Residents.AsNoTracking()
            .Where(r => r.Status == ResidentStatus.Living || r.Status == ResidentStatus.TemporarilyAway)
            .GroupBy(r => r.RegionCode.Substring(0, areaCodeLength)).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var households = await db.Households.AsNoTracking().Where(h => h.Status == HouseholdStatus.Living)
            .GroupBy(h => h.RegionCode.Substring(0, areaCodeLength)).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var services = await db.ServiceRecords.AsNoTracking().Where(r => r.OccurredAt >= monthStart)
            .GroupBy(r => r.RegionCode.Substring(0, areaCodeLength)).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var areas = residents.Keys.Union(households.Keys).Union(services.Keys)
            .ToDictionary(k => k, k => (residents.GetValueOrDefault(k), households.GetValueOrDefault(k), services.GetValueOrDefault(k)));
        return new AreaCounts(areas, now);
    }
}
