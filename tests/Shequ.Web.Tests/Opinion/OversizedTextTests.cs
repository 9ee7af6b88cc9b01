using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shequ.Domain.Opinion;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Opinion;

/// <summary>Counts what reaches the Chinese segmenter, so a test can tell whether oversized text was analysed at all.</summary>
public sealed class CountingSegmenterFactory : ShequFactory
{
    public CountingSegmenter Segmenter { get; } = new(new Shequ.Web.Modules.Opinion.JiebaTextSegmenter());

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<ITextSegmenter>(Segmenter)));
    }

    public sealed class CountingSegmenter(ITextSegmenter inner) : ITextSegmenter
    {
        private long _longest;

        /// <summary>The longest text analysed since the last <see cref="Reset"/>.</summary>
        public long Longest => Interlocked.Read(ref _longest);

        public void Reset() => Interlocked.Exchange(ref _longest, 0);

        public IReadOnlyList<string> Words(string text)
        {
            Note(text);
            return inner.Words(text);
        }

        public IReadOnlyList<string> Keywords(string text, int count)
        {
            Note(text);
            return inner.Keywords(text, count);
        }

        private void Note(string text)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _longest);
            }
            while (text.Length > seen && Interlocked.CompareExchange(ref _longest, text.Length, seen) != seen);
        }
    }
}

/// <summary>
/// Issue 15 (B8, F27): the probe's one-request CPU exhaustion. Sizes are checked before any work: an oversized
/// suggestion is refused without reaching the segmenter, a body far over the limit is refused before it is read,
/// and no analysis ever sees more than a suggestion may hold.
/// </summary>
public class OversizedTextTests(CountingSegmenterFactory app) : IClassFixture<CountingSegmenterFactory>
{
    [Fact]
    public async Task A_160000_character_suggestion_is_refused_without_being_segmented()
    {
        // Warm up the classifier (trained on first use) so only the request's own text is counted.
        (await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = "楼道的灯坏了，晚上很黑" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Segmenter.Reset();

        var huge = new string('灯', 160_000);
        var api = await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = huge });
        ((int)api.StatusCode).ShouldBeOneOf(400, 413);
        var voice = await app.NewClient().PostFormAsync($"/voice/{ShequFactory.CommunityA}", new() { ["community"] = ShequFactory.CommunityA, ["text"] = huge });
        ((int)voice.StatusCode).ShouldBeOneOf(400, 413);
        app.Segmenter.Longest.ShouldBe(0, "nothing of the oversized text reached the segmenter");

        var justOver = new string('灯', Suggestion.MaxText + 1);
        var refused = await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = justOver });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain($"不超过 {Suggestion.MaxText} 字");
        app.Segmenter.Longest.ShouldBe(0, "the length rule runs before the analysis");
    }

    [Fact]
    public async Task Grouping_segments_each_stored_suggestion_once_not_on_every_new_submission()
    {
        async Task SubmitAsync(string text) =>
            (await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var longOne = string.Concat(Enumerable.Repeat("小区东门的路灯坏了很久，晚上老人出门很不方便，希望尽快修好。", 25));
        longOne.Length.ShouldBeGreaterThan(600);
        await SubmitAsync(longOne);
        await SubmitAsync("垃圾分类亭旁边的水龙头漏水");
        app.Segmenter.Reset();
        await SubmitAsync("健身器材的螺丝松了");
        app.Segmenter.Longest.ShouldBeLessThan(100, "the long suggestion was segmented once, when the previous one was grouped, and is not segmented again");
    }

    [Fact]
    public async Task A_body_far_over_the_public_limit_is_refused_with_413_before_it_is_read()
    {
        var body = new StringContent($"{{\"community\":\"{ShequFactory.CommunityA}\",\"text\":\"{new string('x', 1_048_576)}\"}}", System.Text.Encoding.UTF8, "application/json");
        var response = await app.NewClient().PostAsync("/api/v1/opinion/suggestions", body);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("过大");
    }
}
