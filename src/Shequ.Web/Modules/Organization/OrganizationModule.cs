namespace Shequ.Web.Modules.Organization;

/// <summary>The region tree and service sites: pages under /Organization and the regions API.</summary>
public static class OrganizationModule
{
    public static IHostApplicationBuilder AddOrganization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegionDirectory>();
        builder.Services.AddSingleton<RegionDirectory.ChangeWatcher>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<RegionDirectory.ChangeWatcher>());
        builder.Services.AddSingleton<RegionFilterResolution>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<RegionFilterResolution>());
        return builder;
    }

    public static RouteGroupBuilder MapOrganization(this RouteGroupBuilder api) => api.MapOrganizationEndpoints();
}
