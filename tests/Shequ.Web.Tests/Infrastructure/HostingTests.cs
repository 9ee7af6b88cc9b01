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

/// <summary>The Demo environment as the probe ran it: no cookie setting, plain HTTP on localhost.</summary>
public sealed class DemoFactory : ShequFactory
{
    protected override string EnvironmentName => "Demo";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Shequ:SecureCookies"] = null };
}

public class DemoOverHttpTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task The_demo_signs_in_and_opens_the_dashboard_over_plain_http()
    {
        // Issue 15: Secure cookies without HTTPS made every Demo page a 500.
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:5080"), AllowAutoRedirect = false });
        (await browser.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signIn = await ShequFactory.PostSignInAsync(browser, Seeding.DemoDistrict.DistrictAdminUser, "Shequ-Demo-2026");

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        signIn.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/Account/Login")).Headers.Contains("Strict-Transport-Security").ShouldBeFalse("a demo on localhost must not pin HTTPS");
    }
}

public class StrictTransportTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Https_answers_carry_hsts_outside_the_demo_environments()
    {
        var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shequ.example"), AllowAutoRedirect = false });
        var answer = await https.GetAsync("/Account/Login");
        answer.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
    }
}

/// <summary>Development, where the framework used to answer binding errors with its HTML page and log the raw value.</summary>
public sealed class DevelopmentFactory : ShequFactory
{
    protected override string EnvironmentName => "Development";
}

public class DevelopmentApiErrorTests(DevelopmentFactory app) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task A_value_that_does_not_bind_is_problem_details_and_its_raw_text_is_not_logged()
    {
        var api = await app.BearerClientAsync("dev-api", Shequ.Domain.Access.Roles.StreetAdmin, ShequFactory.StreetA);

        var badQuery = await api.GetAsync("/api/v1/households?page=zz-raw-probe-zz");
        using var badJson = new StringContent("{\"regionCode\": \"yy-raw-probe-yy", System.Text.Encoding.UTF8, "application/json");
        var badBody = await api.PostAsync("/api/v1/households", badJson);

        foreach (var answer in new[] { badQuery, badBody })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        app.Logs.Lines.ShouldNotContain(l => l.Contains("raw-probe", StringComparison.Ordinal));
    }
}
