using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

/// <summary>--trace: a dotnet-trace CPU sample of a process under load, and where its running threads spent the time.</summary>
internal static class Profile
{
    /// <summary>Frames that mean a thread is parked, not running: such samples are left out of the summary.</summary>
    private static readonly string[] Waits =
    [
        "LowLevelLifoSemaphore.Wait", "Monitor.Wait(", "WaitHandle.WaitOneNoCheck", "WaitHandle.WaitAnyMultiple",
        "WaitForSocketEvents", "SocketAsyncEngine.EventLoop", "Thread.Sleep", "TimerQueue.TimerThread", "GateThread.GateThreadStart",
        "Task.SpinThenBlockingWait", "FileSystemWatcher", "GC.RunFinalizers",
    ];

    public static async Task TraceAsync(int pid, int seconds, string stem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        var file = stem + ".nettrace";
        await RunAsync("dotnet-trace", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--duration", TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", file]);
        await RunAsync("dotnet-trace", ["convert", file, "--format", "speedscope", "-o", stem]);
        var summary = RunningTime(stem + ".speedscope.json", 45);
        File.Delete(stem + ".speedscope.json");
        await File.WriteAllTextAsync(stem + "-top.txt", summary);
        Console.Error.WriteLine(summary);
    }

    /// <summary>
    /// dotnet-trace samples every thread whether it runs or waits, so its own top list is led by idle waits. This
    /// keeps only samples whose stack holds no wait, over all threads, and lists methods by the share of that
    /// running time spent in them (inclusive) and in the method itself or native code under it (exclusive).
    /// </summary>
    internal static string RunningTime(string speedscopeFile, int top)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(speedscopeFile));
        var frames = doc.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var waiting = frames.Select(name => Waits.Any(w => name.Contains(w, StringComparison.Ordinal))).ToArray();
        var inclusive = new double[frames.Length];
        var exclusive = new double[frames.Length];
        var running = 0.0;
        var sampled = 0.0;
        foreach (var thread in doc.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var stack = new List<int>();
            double? last = null;
            foreach (var e in thread.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } previous && at > previous && stack.Count > 0)
                {
                    var span = at - previous;
                    sampled += span;
                    if (!stack.Any(f => waiting[f]))
                    {
                        running += span;
                        foreach (var f in stack.Distinct())
                        {
                            inclusive[f] += span;
                        }

                        // The innermost real method: dotnet-trace ends each stack with a CPU_TIME / UNMANAGED_CODE_TIME marker.
                        var own = stack.FindLast(f => !frames[f].EndsWith("_TIME", StringComparison.Ordinal));
                        exclusive[own] += span;
                    }
                }

                last = at;
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(e.GetProperty("frame").GetInt32());
                }
                else if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"running threads: {running / 1000:0.0} s of {sampled / 1000:0.0} s sampled (all threads); shares of the running time:");
        text.AppendLine("inclusive:");
        foreach (var i in Enumerable.Range(0, frames.Length).Where(i => !frames[i].StartsWith("Thread (", StringComparison.Ordinal)).OrderByDescending(i => inclusive[i]).Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {inclusive[i] / running * 100,5:0.0}%  {frames[i][..Math.Min(150, frames[i].Length)]}");
        }

        text.AppendLine("exclusive:");
        foreach (var i in Enumerable.Range(0, frames.Length).OrderByDescending(i => exclusive[i]).Take(top / 2))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {exclusive[i] / running * 100,5:0.0}%  {frames[i][..Math.Min(150, frames[i].Length)]}");
        }

        return text.ToString();
    }

    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
