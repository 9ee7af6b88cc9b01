using System.Net;
using System.Net.Http.Json;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

public sealed class TightCodeLimitsFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:Assessment:CodeGuessing:PerDevice"] = "3",
        ["Shequ:Assessment:CodeGuessing:PerAddressWithoutDevice"] = "4",
        ["Shequ:Assessment:CodeGuessing:PerAddress"] = "8",
    };
}

/// <summary>
/// Issue 14, part 6: unknown codes are limited per device, per address and overall, and one device's mistakes do not
/// lock out the next resident on the same connection (a community centre's kiosk).
/// </summary>
public class CodeGuessingTests(TightCodeLimitsFactory app) : IClassFixture<TightCodeLimitsFactory>
{
    [Fact]
    public async Task A_guessing_device_is_stopped_while_the_next_device_on_the_same_connection_still_gets_in()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        var slips = await helper.SlipsAsync(campaign);

        var guesser = app.NewClient();
        for (var i = 0; i < 3; i++)
        {
            (await guesser.PostFormAsync("/e?handler=Code", new() { ["code"] = $"ABCD-EFG{i}-HJKM" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var stopped = await guesser.PostFormAsync("/e?handler=Code", new() { ["code"] = slips[0].ShortCode });
        stopped.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "past the limit not even a right code is looked up");
        stopped.Headers.RetryAfter.ShouldNotBeNull();
        (await stopped.Content.ReadAsStringAsync()).ShouldContain("错误次数过多");

        var nextResident = app.NewClient();
        (await nextResident.PostFormAsync("/e?handler=Code", new() { ["code"] = slips[0].ShortCode })).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a kiosk's next device has its own count");

        // A script without a device cookie has a smaller budget per address.
        var script = app.NewClient();
        for (var i = 0; i < 4; i++)
        {
            (await script.PostAsJsonAsync("/api/v1/evaluations", new { token = $"not-a-token-{i:D4}", grades = Array.Empty<object>() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var refused = await script.PostAsJsonAsync("/api/v1/evaluations", new { token = slips[1].Token, grades = Array.Empty<object>() });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();

        // And the address as a whole has a ceiling, whatever devices it claims: 3 + 4 so far, one more reaches 8.
        var another = app.NewClient();
        (await another.PostFormAsync("/e?handler=Code", new() { ["code"] = "ZZZZ-ZZZZ-ZZZZ" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.NewClient().PostFormAsync("/e?handler=Code", new() { ["code"] = slips[2].ShortCode })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
