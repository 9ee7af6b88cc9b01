using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// A module's resident-facing pages live in its <c>Open/</c> folder (e.g. <c>Modules/Requests/Open/Report</c>, served at
/// <c>/report</c>): they need no sign-in, and their submissions share the per-address budget of anonymous submissions.
/// Every other page requires a signed-in account (the fallback policy).
/// </summary>
public sealed class PublicPagesConvention : IPageApplicationModelConvention
{
    public const string Folder = "Open";

    public static bool IsPublic(string viewEnginePath) => viewEnginePath.Split('/').SkipLast(1).Contains(Folder, StringComparer.Ordinal);

    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (IsPublic(model.ViewEnginePath))
        {
            model.EndpointMetadata.Add(new AllowAnonymousAttribute());
            model.EndpointMetadata.Add(new EnableRateLimitingAttribute(Policies.PublicSubmission));
            model.EndpointMetadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BodyLimits.PublicSubmission));
        }
    }
}
