using Microsoft.EntityFrameworkCore;

namespace Shequ.Web.Infrastructure;

/// <summary>One page of a server-side list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => PageNumber > 1;

    public bool HasNext => PageNumber < PageCount;
}

public static class PagingExtensions
{
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int size, CancellationToken ct = default)
    {
        size = Math.Clamp(size <= 0 ? Page<T>.DefaultSize : size, 1, Page<T>.MaxSize);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Page<T>(items, page, size, total);
    }
}
