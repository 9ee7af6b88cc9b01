namespace Shequ.Web.Modules.Services;

/// <summary>The service catalogue, tasks and service records: pages, the public guide, <see cref="ServiceDesk"/> and the API.</summary>
public static class ServicesModule
{
    public static IHostApplicationBuilder AddServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ServiceDesk>();
        return builder;
    }

    public static RouteGroupBuilder MapServices(this RouteGroupBuilder api) => api.MapServiceEndpoints();
}
