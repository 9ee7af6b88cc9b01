using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Requests;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on API POSTs: the first success is stored with the key in the same transaction
/// as the work it did, so a retry gets the same answer and nothing is written twice. A key reused with a
/// different body is refused with 422. Failures are not stored: the client may retry them.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public static async Task<IResult> RunAsync<TInput>(HttpContext http, ShequDbContext db, TInput input, Func<Task<IResult>> action)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        var key = http.Request.Headers[Header].ToString().Trim();
        if (key.Length == 0)
        {
            return await action();
        }

        if (key.Length > MaxKeyLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key 过长", detail: $"Idempotency-Key 不超过 {MaxKeyLength} 个字符。");
        }

        var json = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var scope = ScopeOf(http);
        var hash = Modules.Access.ApiTokens.Hash(http.Request.Method + " " + http.Request.Path + " " + JsonSerializer.Serialize(input, json));

        var earlier = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, http.RequestAborted);
        if (earlier is not null)
        {
            return Replay(http, earlier, hash);
        }

        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var result = await action();
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok)
        {
            await tx.RollbackAsync(http.RequestAborted);
            return result;
        }

        var body = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : "null";
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = hash,
            StatusCode = ok.StatusCode ?? StatusCodes.Status200OK,
            Location = LocationOf(result),
            Body = body,
            CreatedAtUtc = DateTime.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
            await tx.CommitAsync(http.RequestAborted);
            return result;
        }
        catch (DbUpdateException)
        {
            // A concurrent retry with the same key won: undo this copy of the work and answer as the winner did.
            await tx.RollbackAsync(http.RequestAborted);
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key, http.RequestAborted);
            return Replay(http, winner, hash);
        }
    }

    /// <summary>Stored answers are kept a day: long enough for any retry, short enough not to hoard follow links.</summary>
    public static Task<int> PruneAsync(ShequDbContext db, DateTime nowUtc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = nowUtc.AddDays(-1);
        return db.IdempotencyRecords.Where(r => r.CreatedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    private static IResult Replay(HttpContext http, IdempotencyRecord earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key 已用于另一个请求", detail: "同一个 Idempotency-Key 只能用于内容相同的请求。");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.Location is not null)
        {
            http.Response.Headers.Location = earlier.Location;
        }

        return Results.Text(earlier.Body, "application/json; charset=utf-8", System.Text.Encoding.UTF8, earlier.StatusCode);
    }

    private static string? LocationOf(IResult result) =>
        result.GetType().GetProperty("Location")?.GetValue(result) as string;

    private static string ScopeOf(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? "user:" + user
            : "anon:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local") + ":" + http.Request.Path;
}
