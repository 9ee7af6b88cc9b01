using System.Net;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>In Production nothing migrates by itself: the CLI's migrate is the deploy step.</summary>
public class ProductionFactory : ShequFactory
{
    protected override string EnvironmentName => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:AutoMigrate"] = null,
        ["Shequ:SeedDemo"] = null,
    };
}

public class ProductionHostingTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Production_applies_no_migrations_so_health_reports_503_until_migrate_runs()
    {
        var response = await app.NewClient().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
