using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>
/// Issue 15: undefined enum numbers, a megabyte of 职务, NUL and right-to-left overrides in names were all stored.
/// Each is now refused with a Chinese reason and leaves nothing behind, whichever door it came through.
/// </summary>
public class InputValidationTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static Dictionary<string, object?> Worker(string name) => new()
    {
        ["employerCode"] = ShequFactory.StreetA, ["name"] = name, ["position"] = "社工", ["category"] = "ProfessionalSocialWorker",
        ["qualification"] = "SocialWorker", ["qualificationYear"] = 2020, ["startDate"] = "2019-05-01", ["assignments"] = new[] { ShequFactory.CommunityA },
    };

    public static TheoryData<string, object?, string> Hostile => new()
    {
        { "qualification", 2147483647, "" },
        { "category", 1, "" },
        { "position", new string('职', 1_000_000), "「职务」太长：最多 50 个字符" },
        { "position", "主\0任", "不可见的控制字符" },
        { "name", "社工\u202E长主", "文字方向控制符" },
        { "position", "主任\u2066", "文字方向控制符" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_worker_field_is_refused_and_nothing_is_stored(string field, object? value, string reason)
    {
        var api = await app.BearerClientAsync("input-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var before = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().CountAsync());
        var body = Worker("输入校验" + field);
        body[field] = value;

        var response = await api.PostAsJsonAsync("/api/v1/workers", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(reason);
        (await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_worker_without_the_hostile_field_is_stored()
    {
        var api = await app.BearerClientAsync("input-street", Roles.StreetAdmin, ShequFactory.StreetA);
        (await api.PostAsJsonAsync("/api/v1/workers", Worker("输入校验对照"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
