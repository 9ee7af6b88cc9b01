namespace Shequ.Web.Modules.Organization;

/// <summary>The region tree and service sites: pages under /Organization and the regions API.</summary>
public static class OrganizationModule
{
    public static IHostApplicationBuilder AddOrganization(this IHostApplicationBuilder builder) => builder;

    public static RouteGroupBuilder MapOrganization(this RouteGroupBuilder api) => api.MapOrganizationEndpoints();
}
