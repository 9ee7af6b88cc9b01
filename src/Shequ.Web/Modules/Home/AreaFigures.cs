using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Home;

/// <summary>Residents, households and this month's service records of each child area, as of a moment.</summary>
public sealed record AreaCounts(IReadOnlyDictionary<string, (int Residents, int Households, int Services)> ByArea, DateTime AsOfLocal);

/// <summary>
/// The dashboard's people and work figures (P5). A district holds a million residents and millions of service records,
/// and counting them takes seconds, so nobody waits for a count but the very first viewer of a scope: figures older
/// than <see cref="Freshness"/> are shown as they are while one recount runs in the background, and the page says
/// when they were taken. The count runs on its own connection under the viewer's scope, never the system's, since it
/// outlives the request that asked for it.
/// </summary>
public sealed class AreaFigures(IServiceScopeFactory scopes, TimeProvider time, ILogger<AreaFigures> log)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    /// <summary>One slot per scope and area depth: as many as there are regions at most.</summary>
    private readonly ConcurrentDictionary<(string? Scope, int Depth), Slot> _slots = new();

    private sealed class Slot
    {
        public Task<AreaCounts>? Counts { get; set; }

        public bool Recounting { get; set; }
    }

    /// <summary>
    /// Counts grouped by the first <paramref name="areaCodeLength"/> characters of the region code, within
    /// <paramref name="scopePrefix"/> (the caller's region subtree; null for the whole installation).
    /// </summary>
    public Task<AreaCounts> ForAsync(string? scopePrefix, int areaCodeLength, CancellationToken ct)
    {
        var slot = _slots.GetOrAdd((scopePrefix, areaCodeLength), _ => new Slot());
        lock (slot)
        {
            if (slot.Counts is null || slot.Counts.IsFaulted || slot.Counts.IsCanceled)
            {
                // Nothing to show yet: callers arriving together wait for the same count.
                slot.Counts = StartCount(scopePrefix, areaCodeLength);
            }

            var shown = slot.Counts;
            if (shown.IsCompletedSuccessfully && !slot.Recounting && time.GetLocalNow().DateTime - shown.Result.AsOfLocal >= Freshness)
            {
                // This viewer gets what was there when it came, even if the recount happens to finish at once.
                slot.Recounting = true;
                _ = RecountAsync(slot, scopePrefix, areaCodeLength);
            }

            return shown.WaitAsync(ct);
        }
    }

    private async Task RecountAsync(Slot slot, string? scopePrefix, int areaCodeLength)
    {
        try
        {
            var fresh = await StartCount(scopePrefix, areaCodeLength);
            lock (slot)
            {
                slot.Counts = Task.FromResult(fresh);
            }
        }
        catch (Exception ex)
        {
            // The older figures stay on the page, with their time; the next view tries again.
            log.LogWarning(ex, "Recounting the dashboard figures failed");
        }
        finally
        {
            lock (slot)
            {
                slot.Recounting = false;
            }
        }
    }

    /// <summary>
    /// A count runs for seconds at district scale and, on SQLite, synchronously: it gets a thread of its own, so it
    /// neither holds the caller nor takes one of the pool's threads from other requests.
    /// </summary>
    private Task<AreaCounts> StartCount(string? scopePrefix, int areaCodeLength) =>
        Task.Factory.StartNew(() => CountAsync(scopePrefix, areaCodeLength), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task<AreaCounts> CountAsync(string? scopePrefix, int areaCodeLength)
    {
        var ct = CancellationToken.None; // shared by every waiting caller, so no single caller may cancel it
        await using var scope = scopes.CreateAsyncScope();
        await using var db = new ShequDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<ShequDbContext>>(), new FixedActor(null, scopePrefix));
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
