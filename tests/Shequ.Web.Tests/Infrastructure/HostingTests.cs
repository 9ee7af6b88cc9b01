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
        ["Shequ:DataProtection:Key"] = TestKeys.DataProtection,
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

/// <summary>Production with the personal-data keys but nothing to encrypt the Data Protection keys with.</summary>
public sealed class ProductionWithoutKeyEncryptionFactory : ShequFactory
{
    protected override string EnvironmentName => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:AutoMigrate"] = null,
        ["Shequ:SeedDemo"] = null,
    };
}

public class KeyEncryptionRequiredTests
{
    [Fact]
    public async Task Production_refuses_to_start_when_the_cookie_keys_would_be_stored_in_the_clear()
    {
        // Issue 15: keys went into the database as they are unless a certificate was configured.
        await using var app = new ProductionWithoutKeyEncryptionFactory();
        var refused = await Should.ThrowAsync<InvalidOperationException>(async () => await app.InitializeAsync());
        refused.Message.ShouldContain("Shequ:DataProtection:Key");
        refused.Message.ShouldContain("CertificateFile");
    }
}
