using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shequ.Domain.Access;
using Shequ.Domain.Opinion;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Opinion;

/// <summary>A segmenter that holds any text carrying <see cref="Marker"/> until the test opens the gate.</summary>
public sealed class GatedSegmenterFactory : ShequFactory
{
    public const string Marker = "【慢】";

    public GatedSegmenter Segmenter { get; } = new(new Shequ.Web.Modules.Opinion.JiebaTextSegmenter());

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Shequ:Opinion:AnalysisQueueLength"] = "1" };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<ITextSegmenter>(Segmenter)));
    }

    public sealed class GatedSegmenter(ITextSegmenter inner) : ITextSegmenter
    {
        public ManualResetEventSlim Gate { get; } = new(false);

        public SemaphoreSlim Entered { get; } = new(0);

        public System.Collections.Concurrent.ConcurrentBag<bool> OnPoolThread { get; } = [];

        public IReadOnlyList<string> Words(string text)
        {
            Hold(text);
            return inner.Words(text);
        }

        public IReadOnlyList<string> Keywords(string text, int count) => inner.Keywords(text, count);

        private void Hold(string text)
        {
            if (!text.Contains(Marker, StringComparison.Ordinal))
            {
                return;
            }

            OnPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread);
            Entered.Release();
            Gate.Wait(TimeSpan.FromMinutes(2));
        }
    }
}

/// <summary>
/// Issue 15 (B8, F27): eight long suggestions were answered one at a time while a staff call stalled, because the
/// segmenter ran on the request's own thread. Analysis now runs on its own thread behind a short queue: callers wait
/// without holding a thread, and when the queue is full a submission is told at once to come back (503), nothing written.
/// </summary>
public class AnalysisThreadTests(GatedSegmenterFactory app) : IClassFixture<GatedSegmenterFactory>
{
    private static object Suggestion(string text) => new { community = ShequFactory.CommunityA, text = GatedSegmenterFactory.Marker + text };

    [Fact]
    public async Task Analysis_runs_off_the_request_threads_and_a_full_queue_answers_503_at_once()
    {
        var segmenter = app.Segmenter;
        var resident = app.NewClient();
        var staff = await app.BearerClientAsync("analysis-staff", Roles.DistrictAdmin, "320591");
        try
        {
            var first = resident.PostAsJsonAsync("/api/v1/opinion/suggestions", Suggestion("小区东门的路灯坏了一个月"));
            (await segmenter.Entered.WaitAsync(TimeSpan.FromMinutes(1))).ShouldBeTrue("the first suggestion reached the segmenter");

            // The analysis thread is held; one more fits the queue, the other is turned away.
            var second = resident.PostAsJsonAsync("/api/v1/opinion/suggestions", Suggestion("垃圾桶满了没人清"));
            var third = resident.PostAsJsonAsync("/api/v1/opinion/suggestions", Suggestion("楼道里堆满了杂物"));
            var answered = await Task.WhenAny(second, third).WaitAsync(TimeSpan.FromMinutes(1));
            var refused = await answered;
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Headers.Contains("Retry-After").ShouldBeTrue();
            (await refused.Content.ReadAsStringAsync()).ShouldContain("请稍后再提交");

            (await staff.GetAsync("/api/v1/regions")).StatusCode.ShouldBe(HttpStatusCode.OK, "staff are served while analysis is held");

            segmenter.Gate.Set();
            var queued = answered == second ? third : second;
            (await first.WaitAsync(TimeSpan.FromMinutes(1))).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await queued.WaitAsync(TimeSpan.FromMinutes(1))).StatusCode.ShouldBe(HttpStatusCode.Created);
            segmenter.OnPoolThread.ShouldNotBeEmpty();
            segmenter.OnPoolThread.ShouldAllBe(onPool => !onPool, "no text was segmented on a request (thread-pool) thread");
            (await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().CountAsync(s => s.Text.StartsWith(GatedSegmenterFactory.Marker)))).ShouldBe(2);
        }
        finally
        {
            segmenter.Gate.Set();
        }
    }
}
