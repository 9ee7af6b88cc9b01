using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Common;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// API failures as ProblemDetails (item B11): a rule broken is 400, a lost edit race 409, a database that is busy,
/// restarting or out of connections 503 with Retry-After (items F27, F28), the rest 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static int StatusFor(Exception ex) => ex switch
    {
        BusinessRuleViolationException => StatusCodes.Status400BadRequest,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsDatabaseUnavailable(exception: ex) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Seconds a client is asked to wait after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Transient database failures (busy, restarting, pool exhausted, timed out), however EF Core wrapped them.</summary>
    public static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        System.Data.Common.DbException { IsTransient: true } or TimeoutException => true,
        Npgsql.NpgsqlException { InnerException: TimeoutException or System.Net.Sockets.SocketException or IOException } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => true,
        { InnerException: { } inner } => IsDatabaseUnavailable(inner),
        _ => false,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var status = StatusFor(exception);
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    400 => "请求不符合规则",
                    409 => "数据已被他人修改，请刷新后重试",
                    503 => "系统繁忙，请稍后重试",
                    _ => "服务器内部错误",
                },
                Detail = exception is BusinessRuleViolationException ? exception.Message : null,
            },
        };
        if (await problems.TryWriteAsync(context))
        {
            return true;
        }

        // No writer took it (a client that sent no Accept header, say): an API caller still gets JSON, never the HTML error page.
        await TypedResults.Problem(context.ProblemDetails).ExecuteAsync(httpContext);
        return true;
    }
}
