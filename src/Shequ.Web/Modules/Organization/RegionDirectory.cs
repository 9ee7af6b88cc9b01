using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Organization;

/// <summary>
/// Every region's name by code, so pages, exports and imports can show and accept names instead of codes without a
/// join on every query. The whole tree is small (a district has a few thousand nodes) and changes rarely: it is read
/// once, dropped whenever this process saves a region, and re-read after <see cref="MaxAge"/> so a change made by
/// another instance shows within minutes.
/// </summary>
public sealed class RegionDirectory(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Entry(string Code, string Name, RegionLevel Level, string? ParentCode);

    public sealed class Snapshot
    {
        private readonly Dictionary<string, Entry> _byCode;
        private readonly ILookup<string, Entry> _byName;
        private readonly ILookup<string, Entry> _children;

        internal Snapshot(IReadOnlyList<Entry> entries, DateTimeOffset loadedAt)
        {
            LoadedAt = loadedAt;
            All = entries;
            _byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
            _byName = entries.ToLookup(e => e.Name, StringComparer.Ordinal);
            _children = entries.Where(e => e.ParentCode is not null).ToLookup(e => e.ParentCode!, StringComparer.Ordinal);
        }

        public DateTimeOffset LoadedAt { get; }

        public IReadOnlyList<Entry> All { get; }

        public Entry? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var e) ? e : null;

        /// <summary>The region's name, or the code itself when no region has it (a code typed in a filter, a deleted node).</summary>
        public string NameOf(string? code) => Find(code)?.Name ?? code ?? string.Empty;

        public IEnumerable<Entry> ChildrenOf(string code) => _children[code];

        /// <summary>The chain from the top of the tree down to the region, the region last.</summary>
        public IReadOnlyList<Entry> PathTo(string code)
        {
            var path = new List<Entry>();
            for (var e = Find(code); e is not null; e = Find(e.ParentCode))
            {
                path.Insert(0, e);
            }

            return path;
        }

        /// <summary>
        /// What a person typed where a region is asked for — a code or an exact name — read as one region inside
        /// <paramref name="scopePrefix"/> (null: everywhere); a name counts only at an allowed level.
        /// </summary>
        public RegionMatch Resolve(string? typed, string? scopePrefix, Func<RegionLevel, bool>? levelAllowed = null)
        {
            var text = typed?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return RegionMatch.Empty;
            }

            bool InScope(Entry e) => scopePrefix is null || e.Code.StartsWith(scopePrefix, StringComparison.Ordinal);

            // A code names one region whatever its level: the page's own rules say when the level is wrong.
            if (RegionCode.LevelOf(text) is not null)
            {
                var byCode = Find(text);
                return byCode is not null && InScope(byCode) ? RegionMatch.Found(byCode) : RegionMatch.NotFound(text);
            }

            var named = _byName[text].Where(e => InScope(e) && (levelAllowed?.Invoke(e.Level) ?? true)).ToList();
            return named.Count switch
            {
                1 => RegionMatch.Found(named[0]),
                0 => RegionMatch.NotFound(text),
                _ => RegionMatch.Ambiguous(text, named),
            };
        }

        /// <summary>Regions inside the scope whose name or code contains the text, nearest the top first.</summary>
        public IEnumerable<Entry> Search(string text, string? scopePrefix) =>
            All.Where(e => (scopePrefix is null || e.Code.StartsWith(scopePrefix, StringComparison.Ordinal))
                           && (e.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || e.Code.StartsWith(text, StringComparison.Ordinal)))
               .OrderBy(e => e.Level).ThenBy(e => e.Code, StringComparer.Ordinal);
    }

    public async ValueTask<Snapshot> GetAsync(CancellationToken ct = default)
    {
        var current = _snapshot;
        if (current is not null && time.GetUtcNow() - current.LoadedAt < MaxAge)
        {
            return current;
        }

        await _loading.WaitAsync(ct);
        try
        {
            current = _snapshot;
            if (current is not null && time.GetUtcNow() - current.LoadedAt < MaxAge)
            {
                return current;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShequDbContext>();
            // Names of regions are not personal data, and a page in scope may name the street above it.
            var rows = await db.Regions.IgnoreQueryFilters().AsNoTracking()
                .Select(r => new { r.Code, r.Name, r.Level, ParentCode = r.Parent == null ? null : r.Parent.Code })
                .ToListAsync(ct);
            current = new Snapshot(rows.Select(r => new Entry(r.Code, r.Name, r.Level, r.ParentCode)).ToList(), time.GetUtcNow());
            _snapshot = current;
            return current;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Forget() => _snapshot = null;

    public void Dispose() => _loading.Dispose();

    /// <summary>Drops the directory when a save in this process touches a region, so the next page shows the new name.</summary>
    public sealed class ChangeWatcher(RegionDirectory directory) : SaveChangesInterceptor
    {
        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            ForgetIfRegionsChanged(eventData.Context);
            return base.SavedChangesAsync(eventData, result, cancellationToken);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            ForgetIfRegionsChanged(eventData.Context);
            return base.SavedChanges(eventData, result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            MarkIfRegionsChange(eventData.Context);
            return base.SavingChanges(eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            MarkIfRegionsChange(eventData.Context);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        // After a successful save the tracker has already accepted the changes, so the mark is taken before.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Marked = new();
        private static readonly object Mark = new();

        private static void MarkIfRegionsChange(DbContext? context)
        {
            if (context is not null && context.ChangeTracker.Entries<Region>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                Marked.AddOrUpdate(context, Mark);
            }
        }

        private void ForgetIfRegionsChanged(DbContext? context)
        {
            if (context is not null && Marked.Remove(context))
            {
                directory.Forget();
            }
        }
    }
}

/// <summary>The outcome of reading a typed region: one region, none, or several of that name.</summary>
public sealed record RegionMatch(RegionDirectory.Entry? Region, string? Typed, IReadOnlyList<RegionDirectory.Entry> Candidates)
{
    public static readonly RegionMatch Empty = new(null, null, []);

    public static RegionMatch Found(RegionDirectory.Entry region) => new(region, region.Code, []);

    public static RegionMatch NotFound(string typed) => new(null, typed, []);

    public static RegionMatch Ambiguous(string typed, IReadOnlyList<RegionDirectory.Entry> candidates) => new(null, typed, candidates);

    public bool IsEmpty => Typed is null;

    /// <summary>The code to use: the region's when one was found, otherwise what was typed (so the usual "no such region" check answers).</summary>
    public string? CodeOrTyped => Region?.Code ?? Typed;
}

public static class RegionInput
{
    /// <summary>
    /// Reads a region field of a form as a code: a picked or typed code as it is, a typed name as the one region of
    /// that name inside the caller's scope. A name that fits no region or several adds the field's error and gives null.
    /// </summary>
    public static async Task<string?> ReadRegionAsync(
        this RegionDirectory directory, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string key, string? typed,
        System.Security.Claims.ClaimsPrincipal user, Microsoft.Extensions.Localization.IStringLocalizer l, string? levels = null, CancellationToken ct = default)
    {
        // A code goes to the page as it is: the page's own scoped lookup says when it is unknown or out of reach.
        if (RegionCode.LevelOf(typed?.Trim()) is not null)
        {
            return typed!.Trim();
        }

        var names = await directory.GetAsync(ct);
        var match = names.Resolve(typed, user.ScopePrefixOf(), RegionPicker.ParseLevels(levels).Contains);
        if (match.IsEmpty || match.Region is not null)
        {
            return match.Region?.Code;
        }

        modelState.AddModelError(key, match.Candidates.Count > 0
            ? l["Region.Ambiguous", match.Typed!, match.Candidates.Count, string.Join("；", match.Candidates.Select(c => $"{c.Name}（{string.Join(" › ", names.PathTo(c.Code).SkipLast(1).Select(a => a.Name))}）"))]
            : l["Region.NotFound", match.Typed!]);
        return null;
    }

    /// <summary>A filter's region as a code: what was typed, resolved when it is a name, left as typed when it is not (it then matches nothing).</summary>
    public static async Task<string?> FilterCodeAsync(this RegionDirectory directory, string? typed, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default) =>
        (await directory.GetAsync(ct)).Resolve(typed, user.ScopePrefixOf()).CodeOrTyped;
}

/// <summary>
/// Marks a page's bound filter property that names a region: before the handler runs, a name typed there is read as
/// the region's code (within the caller's scope), so "湖滨社区" filters as 320591001001 does.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RegionFilterAttribute : Attribute;

/// <summary>Applies <see cref="RegionFilterAttribute"/> to every Razor page.</summary>
public sealed class RegionFilterResolution(RegionDirectory directory) : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Marked = new();

    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var page = context.HandlerInstance;
        var properties = Marked.GetOrAdd(page.GetType(), t => t.GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite && p.IsDefined(typeof(RegionFilterAttribute), inherit: false)).ToArray());
        foreach (var property in properties)
        {
            if (property.GetValue(page) is string { Length: > 0 } typed)
            {
                property.SetValue(page, await directory.FilterCodeAsync(typed, context.HttpContext.User, context.HttpContext.RequestAborted));
            }
        }

        await next();
    }
}
