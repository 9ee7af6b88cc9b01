using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Common;

namespace Shequ.Web.Infrastructure;

/// <summary>API failures as ProblemDetails (item B11): a rule broken is 400, a lost edit race 409, the rest 500 without internals.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static int StatusFor(Exception ex) => ex switch
    {
        BusinessRuleViolationException => StatusCodes.Status400BadRequest,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var status = StatusFor(exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
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
                    _ => "服务器内部错误",
                },
                Detail = exception is BusinessRuleViolationException ? exception.Message : null,
            },
        });
    }
}
