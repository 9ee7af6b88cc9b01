using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Shequ.Bench;

/// <summary>One request of the mixed load: what it was and how it went.</summary>
internal sealed record Sample(string Kind, double Ms, HttpStatusCode? Status);

/// <summary>
/// F26 of security-and-reliability.md: the district's campaign burst at twice its rate, open loop (requests leave on
/// a fixed schedule whether or not earlier ones have answered, as residents and staff do), mixed: evaluation submits,
/// staff pages and resident searches.
/// </summary>
internal static class Slo
{
    public static async Task<List<Sample>> RunAsync(Uri server, string token, string cookie, IReadOnlyList<string> ballots, IReadOnlyList<string> names, int seconds, int submitsPerSecond, int othersPerSecond)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var samples = new ConcurrentBag<Sample>();
        var running = new List<Task>();
        var next = 0;
        var other = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = Stopwatch.StartNew();
        double submitDue = 0, otherDue = 0;
        while (clock.Elapsed.TotalSeconds < seconds && await tick.WaitForNextTickAsync())
        {
            var t = clock.Elapsed.TotalSeconds;
            for (; submitDue < t * submitsPerSecond && next < ballots.Count; submitDue++)
            {
                var body = ballots[next++];
                running.Add(TimeAsync(samples, "submit", () => http.PostAsync("/api/v1/evaluations", new StringContent(body, Encoding.UTF8, "application/json"))));
            }

            for (; otherDue < t * othersPerSecond; otherDue++)
            {
                var n = other++;
                var (kind, path) = (n % 3) switch
                {
                    0 => ("page", "/"),
                    1 => ("page", "/Registry/Residents?q=" + Uri.EscapeDataString(names[n % names.Count])),
                    _ => ("search", "/api/v1/residents?q=" + Uri.EscapeDataString(names[n % names.Count])),
                };
                running.Add(TimeAsync(samples, kind, () =>
                {
                    // Staff pages with the session cookie a browser holds; the API with a bearer token.
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    if (kind == "search")
                    {
                        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    }
                    else
                    {
                        request.Headers.Add("Cookie", cookie);
                    }

                    return http.SendAsync(request);
                }));
            }
        }

        await Task.WhenAll(running);
        return [.. samples];
    }

    private static async Task TimeAsync(ConcurrentBag<Sample> samples, string kind, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(new Sample(kind, clock.Elapsed.TotalMilliseconds, response.StatusCode));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            samples.Add(new Sample(kind, clock.Elapsed.TotalMilliseconds, null));
        }
    }

    public static double Percentile(IEnumerable<Sample> samples, double p)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
