using System.Diagnostics;
using System.Reflection;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Runs the built Shequ.Web as a command-line process against a factory's database, Production mode.</summary>
public static class CliProcess
{
    private static string WebDll
    {
        get
        {
            var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Shequ.slnx")))
            {
                root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
            }

            return Path.Combine(root, "src", "Shequ.Web", "bin", configuration, "net10.0", "Shequ.Web.dll");
        }
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(ShequFactory app, string? stdin, params string[] args)
    {
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
        using var process = Process.Start(psi)!;
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
