using Shequ.Web.Cli;

namespace Shequ.Web.Modules.Registry;

/// <summary>Households and residents: pages, the background resident import, the API and the import/export commands.</summary>
public static class RegistryModule
{
    public static IReadOnlyList<CliCommand> Commands => RegistryCommands.All;

    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<Shequ.Domain.Registry.VisitRules>(builder.Configuration.GetSection("Shequ:VisitRules"));
        builder.Services.AddSingleton<ImportJobs>();
        builder.Services.Configure<RegistryOptions>(builder.Configuration.GetSection("Shequ:Registry"));
        builder.Services.AddSingleton<DuplicateIdentities>();
        return builder;
    }

    public static RouteGroupBuilder MapRegistry(this RouteGroupBuilder api) => api.MapRegistryEndpoints();
}
