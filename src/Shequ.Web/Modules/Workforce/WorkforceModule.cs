namespace Shequ.Web.Modules.Workforce;

/// <summary>Community workers, their work logs and training: pages, the worker import and the workers API.</summary>
public static class WorkforceModule
{
    public static IHostApplicationBuilder AddWorkforce(this IHostApplicationBuilder builder) => builder;

    public static RouteGroupBuilder MapWorkforce(this RouteGroupBuilder api) => api.MapWorkforceEndpoints();
}
