namespace Shequ.Web;

/// <summary>Marker for the shared UI resources (Resources/SharedResource*.resx).</summary>
public sealed class SharedResource;

/// <summary>Settings under the "Shequ" section.</summary>
public sealed class ShequOptions
{
    /// <summary>Apply migrations at start-up. Defaults to on in Development and Demo only; Production runs the CLI's migrate.</summary>
    public bool? AutoMigrate { get; set; }

    /// <summary>Seed the demo district on an empty database. Same default as <see cref="AutoMigrate"/>.</summary>
    public bool? SeedDemo { get; set; }

    /// <summary>Password of the demo accounts (demo environments only).</summary>
    public string DemoPassword { get; set; } = "Shequ-Demo-2026";

    /// <summary>
    /// <c>__Host-</c> cookies marked Secure, and HSTS. On by default except in Development and Demo, whose cookies
    /// follow the request (Secure over HTTPS) so that plain HTTP on localhost works.
    /// </summary>
    public bool? SecureCookies { get; set; }

    public int SignInAttemptsPerMinutePerIp { get; set; } = 20;

    public int ApiRequestsPerSecondPerCaller { get; set; } = 50;

    public string[] KnownProxies { get; set; } = [];
}
