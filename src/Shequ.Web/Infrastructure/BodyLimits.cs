using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// Sizes before any work (issue 15, B8): an endpoint's body limit (<see cref="IRequestSizeLimitMetadata"/>, set on
/// every public page and public API write) is applied before model binding reads a byte — a declared length over it
/// is answered 413 at once with the limit stated, and a body that grows past it while being read is cut off by the
/// server. Public submissions are small: a suggestion is at most 1,000 characters.
/// </summary>
public static class BodyLimits
{
    /// <summary>What any anonymous form or JSON submission may send.</summary>
    public const long PublicSubmission = 32 * 1024;

    /// <summary>An anonymous write: no sign-in, the per-address budget of anonymous submissions, and the public body limit.</summary>
    public static TBuilder AsPublicSubmission<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().RequireRateLimiting(Modules.Access.Policies.PublicSubmission).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(PublicSubmission));

    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit })
        {
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                var detail = $"请求内容过大：不超过 {Describe(limit)}。";
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求内容过大", detail: detail).ExecuteAsync(context);
                }
                else
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(detail);
                }

                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        await next(context);
    });

    private static string Describe(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}
