using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>
/// Shequ as a newcomer runs it: the host binary in the Development environment on a fresh SQLite file,
/// which seeds the demo district and its demo accounts. Plus Debian's Chromium driven by Playwright.
/// </summary>
public sealed class ShequServer : IAsyncLifetime
{
    public const string DemoUser = "demo-district";
    public const string DemoPassword = "Shequ-Demo-2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "shequ-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Signs the page in through the sign-in form, as the demo district administrator unless another demo account is named.</summary>
    public static async Task SignInAsync(IPage page, string userName = DemoUser)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs one statement on the server's database: the journeys use it only for what a browser cannot do, letting
    /// time pass (an objection window that lasts at least a day).
    /// </summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir, "shequ.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask InitializeAsync()
    {
        if (Chromium is null)
        {
            return;
        }

        var root = RepositoryRoot();
        var configuration = typeof(ShequServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(root, "src", "Shequ.Web", "bin", configuration, "net10.0", "Shequ.Web.dll");
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(_dataDir);

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(root, "src", "Shequ.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(BaseUrl);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ConnectionStrings__Shequ"] = $"Data Source={Path.Combine(_dataDir, "shequ.db")}";
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("Shequ did not become healthy");
            }

            await Task.Delay(250);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Null when Debian's chromium is missing; CI (CI=true) installs it, so there a missing browser is a failure.</summary>
    public static string? Chromium { get; } = FindChromium();

    private static string? FindChromium()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var candidate = Path.Combine(dir, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Environment.GetEnvironmentVariable("CI") == "true"
            ? throw new InvalidOperationException("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk); .ci/run installs it.")
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Shequ.slnx")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }
}
