using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>The built Shequ.Web as its own process on a factory's database, Production mode: a CLI command or a server.</summary>
public static class CliProcess
{
    /// <summary>The checkout the tests were built from.</summary>
    public static string RepoRoot
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Shequ.slnx")))
            {
                root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
            }

            return root;
        }
    }

    private static string WebDll =>
        Path.Combine(RepoRoot, "src", "Shequ.Web", "bin", typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", "Shequ.Web.dll");

    /// <summary>A process of Shequ configured, like an operator would, by environment variables only.</summary>
    public static ProcessStartInfo StartInfo(ShequFactory app, IEnumerable<string> args, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(WebDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Shequ"] = app.ConnectionString;
        psi.Environment["Shequ__Database__Provider"] = app.IsPostgres ? "Postgres" : "Sqlite";
        psi.Environment["Shequ__PersonalData__ActiveKeyId"] = "t1";
        psi.Environment["Shequ__PersonalData__Keys__t1"] = ShequFactory.TestKeys.Encryption;
        psi.Environment["Shequ__PersonalData__BlindIndexKey"] = ShequFactory.TestKeys.BlindIndex;
        psi.Environment["Shequ__DataProtection__Key"] = ShequFactory.TestKeys.DataProtection;
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return psi;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(ShequFactory app, string? stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(app, args))!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A Shequ server process on a loopback port, for tests across processes and instances.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, int port) => (this.process, Port) = (process, port);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => process.HasExited;

    public static async Task<ServerProcess> StartAsync(ShequFactory app, IReadOnlyDictionary<string, string>? settings = null)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Shequ__SecureCookies"] = "false",
            ["Shequ__Requests__PublicSubmissionsPerWindow"] = "1000000",
            ["Shequ__ApiRequestsPerSecondPerCaller"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            all[k] = v;
        }

        var process = Process.Start(CliProcess.StartInfo(app, [], all))!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var server = new ServerProcess(process, port);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Shequ exited with {process.ExitCode}: {await errors}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("Shequ was not healthy within 60 s");
    }

    /// <summary>kill -9: no graceful stop, nothing flushed.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }
}
