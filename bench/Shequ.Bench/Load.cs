using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Shequ.Bench;

/// <summary>What wrk reported: rate, latency percentiles and how many answers were not 2xx/3xx.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long NotOk, double P50Ms, double P95Ms, double P99Ms, string Raw);

/// <summary>Load from wrk (Debian's package) on loopback, bounded in time.</summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, int seconds, int connections = 64, int threads = 2, string? script = null, IReadOnlyList<string>? scriptArgs = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"{name}: {value}");
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url);
        if (scriptArgs is { Count: > 0 })
        {
            start.ArgumentList.Add("--");
            foreach (var a in scriptArgs)
            {
                start.ArgumentList.Add(a);
            }
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {errors} {output}");
        }

        var rate = Number(RateLine().Match(output));
        var requests = (long)Number(RequestsLine().Match(output));
        var notOk = NotOkLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var p95 = Regex.Match(output, @"p95_us: (\d+)") is { Success: true } p ? double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) / 1000 : double.NaN;
        return new WrkResult(rate, requests, notOk, Latency(output, "50%"), p95, Latency(output, "99%"), output);
    }

    private static double Number(Match m) => m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The script that prints p95, for runs that bring no script of their own.</summary>
    public static string LatencyScript => Path.Combine(AppContext.BaseDirectory, "latency.lua");

    /// <summary>wrk prints latencies as 812.00us, 3.21ms or 1.02s.</summary>
    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotOkLine();
}

/// <summary>A server process on loopback: Shequ itself, or the bare /hello app that gives the framework ceiling.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, int port) => (this.process, Port) = (process, port);

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int Pid => process.Id;

    /// <summary>Seconds from starting the process to the first 200 from <paramref name="readyPath"/> (P7).</summary>
    public double ReadySeconds { get; private set; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, int port, string readyPath)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}: {log}");
            }

            try
            {
                if ((await http.GetAsync(server.BaseUrl + readyPath)).IsSuccessStatusCode)
                {
                    server.ReadySeconds = clock.Elapsed.TotalSeconds;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(25);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"the server was not ready within 60 s: {log}");
    }

    /// <summary>Resident set size now, in MB (P6).</summary>
    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>CPU time the process has used so far (user + system), in seconds.</summary>
    public double CpuSeconds()
    {
        // Fields after the command name in /proc/PID/stat; utime and stime are the 12th and 13th, in clock ticks.
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The largest RSS seen while <paramref name="work"/> runs, sampled every 100 ms.</summary>
    public async Task<(T Result, double PeakMb)> PeakRssDuringAsync<T>(Func<Task<T>> work)
    {
        var peak = RssMb();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssMb());
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var result = await work();
        await stop.CancelAsync();
        await sampler;
        return (result, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first, so the host stops gracefully and the database is left clean.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }
}
